import { describe, expect, it } from 'vitest';
import { element, envelope, payfipText } from './payfip.ts';
import { differences } from './provider.ts';

describe('PayFiP’s words', () => {
  it('writes a SOAP envelope with the fields in arg0, escaped', () => {
    const xml = envelope('creerPaiementSecurise', { objet: 'A & B', montant: '109800' });
    expect(xml).toContain('<pai:creerPaiementSecurise><arg0><objet>A &amp; B</objet><montant>109800</montant></arg0>');
    expect(xml).toContain('xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"');
  });

  it('reads an element whatever its namespace prefix, unescaped', () => {
    const answer = '<S:Body><ns2:r><return><idOp>ab&amp;12</idOp><resultrans>P</resultrans></return></ns2:r></S:Body>';
    expect(element(answer, 'idOp')).toBe('ab&12');
    expect(element('<ns2:code>P5</ns2:code>', 'code')).toBe('P5');
    expect(element(answer, 'numauto')).toBeUndefined();
  });

  it('keeps letters, digits and spaces of a label, without accents, 100 at most', () => {
    expect(payfipText("Redevance d'occupation — 2 place du Marché")).toBe('Redevance d occupation 2 place du Marche');
    expect(payfipText('x'.repeat(150))).toHaveLength(100);
  });
});

describe('a payment’s details against the payment asked for', () => {
  const expected = { operationId: 'op1', clientNumber: '123456', reference: 'ABCP1', amountCents: 91800, year: 2026 };

  it('accepts the same, and names the first difference', () => {
    expect(differences(expected, { ...expected, result: 'PAID' })).toBeUndefined();
    expect(differences(expected, { ...expected, amountCents: 100 })).toContain('montant 100 centimes au lieu de 91800');
    expect(differences(expected, { ...expected, reference: 'OTHER1' })).toContain('référence OTHER1');
    expect(differences(expected, { ...expected, clientNumber: '000000' })).toContain('numéro de client 000000');
    expect(differences(expected, { ...expected, year: 2025 })).toContain('exercice 2025');
    expect(differences(expected, { ...expected, operationId: 'op2' })).toContain('opération différente');
  });
});
