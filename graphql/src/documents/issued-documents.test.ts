import { procedureSettings } from '@parvis/engine';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { type IssuedDocument, issuedDocumentPdf } from './issued-documents.ts';
import type { RequestDocument } from './request-document.ts';

const request: RequestDocument = {
  municipalityId: 'demo',
  trackingCode: '7KQM-2XHP-9RTA',
  citizenEmail: 'nadia@example.fr',
  municipality: { name: 'Mairie de Démoville', contactEmail: 'mairie@demoville.fr', timeZone: 'Europe/Paris' },
  procedureTitle: { fr: 'Occupation du domaine public', en: 'Use of public space' },
  submittedAt: new Date('2026-03-02T09:00:00Z'),
  dueAt: null,
  silenceRegime: 'none',
  implicitDecisionAt: null,
  implicitDecision: null,
  completeAt: null,
  missingPieces: null,
  department: null,
  settings: procedureSettings({}).settings,
  submitted: [],
};

const issued = (template: string, variables: Record<string, unknown>): IssuedDocument => ({
  template,
  title: { fr: 'Titre du document', en: 'Document title' },
  documentNumber: '2026-000042',
  issuedAt: new Date('2026-03-10T10:00:00Z'),
  elementId: 'Issue',
  variables,
});

async function text(document: IssuedDocument, options: Parameters<typeof issuedDocumentPdf>[4] = {}): Promise<string> {
  const bytes = await issuedDocumentPdf(
    request,
    document,
    'http://parvis.test/suivi/7KQM-2XHP-9RTA',
    new Date(),
    options,
  );
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('issued documents as PDF', () => {
  it('prints a permit: number, holder, place, period, fee and conditions, then the signature', async () => {
    const pdf = await text(
      issued('permit', {
        holder: 'Café du Parvis',
        object: 'Terrasse de 12 m²',
        place: '3 place de la Mairie',
        from: '2026-06-01',
        until: '2026-09-30',
        fee: 180.5,
        conditions: ['Passage de 1,40 m laissé aux piétons'],
        signatory: 'Le maire, Jean Dupont',
      }),
    );
    expect(pdf).toContain('TITRE DU DOCUMENT');
    expect(pdf).toContain('Numéro 2026-000042 Number');
    expect(pdf).toContain('Titulaire Café du Parvis Holder');
    expect(pdf).toContain('du 1 juin 2026 au 30 septembre 2026 inclus');
    expect(pdf).toContain('180,50 €');
    expect(pdf).toContain('Passage de 1,40 m laissé aux piétons');
    // the fee and the date of signature in words, the appeal routes
    expect(pdf).toContain('180,50 € (cent quatre-vingts euros et cinquante centimes)');
    expect(pdf).toContain('Fait pour Mairie de Démoville, le dix mars deux mille vingt-six.');
    expect(pdf).toContain('recours contentieux devant le tribunal administratif territorialement compétent');
    expect(pdf).toContain('« Télérecours citoyens » sur le site www.telerecours.fr');
    expect(pdf).toContain('Le maire, Jean Dupont');
  });

  it('prints a decision with its visas, its signer by name under the quality the procedure gives, and the appeal routes', async () => {
    const pdf = await text(
      issued('decision', {
        outcome: 'refuse',
        object: 'Terrasse au 2 place du Marché',
        reasons: ['Le trottoir ne laisse pas 1,40 m aux piétons.'],
        visas: 'Vu le code général des collectivités territoriales, notamment son article L2213-6 ;\nVu la demande ;',
        signatory: "L'adjointe au maire déléguée à l'espace public",
      }),
      { signer: { name: 'Hélène Martin', onBehalfOf: 'Paul Durand' } },
    );
    expect(pdf).toContain(
      'Vu le code général des collectivités territoriales, notamment son article L2213-6 ; Vu la demande ;',
    );
    expect(pdf).toContain(
      "Fait pour Mairie de Démoville, le dix mars deux mille vingt-six. Issued for Mairie de Démoville on the tenth of March two thousand and twenty-six. L'adjointe au maire déléguée à l'espace public Hélène Martin pour Paul Durand, par délégation",
    );
    expect(pdf).toContain('dans un délai de deux mois à compter de sa notification');
    expect(pdf).toContain('par un recours gracieux adressé au maire');
  });

  it('prints a letter paragraph by paragraph, a marriage extract with both spouses, a refusal with its remedies', async () => {
    const letter = await text(issued('letter', { body: 'Madame,\n\nVotre terrasse est autorisée.' }));
    expect(letter).toContain('Madame, Votre terrasse est autorisée.');

    const extract = await text(
      issued('civil-status-extract', {
        kind: 'marriage',
        names: ['Paul DURAND', 'Léa MARTIN'],
        date: '2015-07-04',
        place: 'Démoville',
      }),
    );
    expect(extract).toContain('Extrait d’acte de mariage');
    expect(extract).toContain('Époux Paul DURAND Spouse Époux Léa MARTIN Spouse');
    expect(extract).toContain('Mariés le 4 juillet 2015 Married on 4 July 2015');
    expect(extract).toContain('Néant.');
    expect(extract).toContain("L'officier de l'état civil");

    const refusal = await text(
      issued('decision', { outcome: 'refuse', object: 'Terrasse', reasons: 'Trottoir trop étroit' }),
    );
    expect(refusal).toContain('REFUSÉE');
    expect(refusal).toContain('Trottoir trop étroit');
    expect(refusal).toContain('tribunal administratif');
  });

  it('prints the dates a procedure joined into its texts in words, and the fingerprint of what it says', async () => {
    // given a letter whose text a FEEL expression built with an ISO date
    const document = issued('letter', { body: 'Une place est attribuée à Zoé à compter du 2026-09-01.' });
    // when it is printed
    const pdf = await text(document);
    // then the date reads in words, and the document prints its fingerprint (the public check shows it again)
    expect(pdf).toContain('à compter du 1 septembre 2026.');
    expect(pdf).toMatch(/Empreinte [0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5} [0-9a-f]{5} Fingerprint/);
  });

  it('refuses to print data its template refuses, naming the document', async () => {
    await expect(issuedDocumentPdf(request, issued('permit', { holder: 'X' }), '', new Date())).rejects.toThrow(
      'Document 2026-000042 has inputs its template refuses: "object" is missing; "place" is missing; "from" is missing',
    );
    await expect(issuedDocumentPdf(request, issued('invoice', {}), '', new Date())).rejects.toThrow(
      'unknown template "invoice"',
    );
  });
});
