import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.ts';
import { computedValues, inputsNow, jobsAfter } from './look-ahead.ts';

const permitModel = () =>
  readFile(
    new URL('../../../processes/occupation-domaine-public/occupation-domaine-public.bpmn', import.meta.url),
    'utf8',
  );

describe('looking ahead in a procedure, for a signer', () => {
  it('finds the documents the signing step leads to and their inputs as they stand now', async () => {
    // given the public-space permit procedure, its reviews given and its fee computed
    const compiled = await compile(await permitModel());
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const variables = {
      qualite: 'entreprise',
      raisonSociale: 'Café du Marché',
      nomDemandeur: 'Luc Petit',
      typeOccupation: 'terrasse',
      surface: 12,
      adresse: '2 place du Marché',
      dateDebut: '2026-05-01',
      dateFin: '2026-09-30',
      reservesVoirie: 'Laisser un passage piéton libre de 1,40 m.',
      reservesPolice: null,
      redevance: 918,
    };

    // when the signer's step looks ahead
    const documents = jobsAfter(compiled.ir, 'Signer_Arrete', 'parvis:document');
    const permit = inputsNow(compiled.ir, 'Etablir_Arrete', variables, '2026-04-01T08:00:00Z');

    // then the permit, the payment's receipt (the fee is paid online once signed) and the refusal are
    // ahead, the permit with the holder, the fee and the conditions
    expect(documents.map((d) => d.id).sort()).toEqual(['Etablir_Arrete', 'Etablir_Recu', 'Motiver_Refus']);
    expect(permit).toEqual({
      ok: true,
      inputs: {
        holder: 'Café du Marché (Luc Petit)',
        object: 'Terrasse de café ou de restaurant de 12 m²',
        place: '2 place du Marché',
        from: '2026-05-01',
        until: '2026-09-30',
        fee: 918,
        conditions: ['Laisser un passage piéton libre de 1,40 m.'],
      },
    });
    // and the fee is a value the procedure computes, in euros
    expect(computedValues(compiled.ir)).toEqual([
      { elementId: 'Calculer_Redevance', name: 'Calculer la redevance', variable: 'redevance', currency: 'EUR' },
    ]);
  });
});
