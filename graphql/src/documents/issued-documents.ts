import {
  appealRoutes,
  checkDocumentData,
  type DocumentData,
  dateSpelledOut,
  datesInText,
  eurosInWords,
  isDocumentTemplate,
} from '@parvis/engine';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Database, Db } from '../common/database.ts';
import { dayOf, type Lang } from './dates.ts';
import { verificationUrl } from './document-kinds.ts';
import { documentFingerprint } from './fingerprint.ts';
import { type Bilingual, Letter, MUTED } from './letter.ts';
import { letterhead } from './letterhead.ts';
import type { RequestDocument } from './request-document.ts';
import { type DecisionSigner, decisionSigner } from './signer.ts';

/** A document issued by a `parvis:document` task, with the inputs frozen when it was issued. */
export interface IssuedDocument {
  template: string;
  title: Required<Bilingual>;
  documentNumber: string;
  issuedAt: Date;
  elementId: string;
  variables: Record<string, unknown>;
}

interface IssuedRow {
  template: string;
  title_fr: string;
  title_en: string;
  document_number: string;
  issued_at: Date;
  element_id: string;
  variables: Record<string, unknown>;
}

const fromRow = (row: IssuedRow): IssuedDocument => ({
  template: row.template,
  title: { fr: row.title_fr, en: row.title_en },
  documentNumber: row.document_number,
  issuedAt: row.issued_at,
  elementId: row.element_id,
  variables: row.variables,
});

/** The numbers documents carry: the year, then six digits (`2026-000123`). */
export const DOCUMENT_NUMBER = /^\d{4}-\d{6}$/;

/** One issued document of a request, within its municipality. */
export async function loadIssuedDocument(
  db: Db,
  trackingCode: string,
  documentNumber: string,
): Promise<IssuedDocument | undefined> {
  const [row] = await db<IssuedRow[]>`
    select d.template, d.title_fr, d.title_en, d.document_number, d.issued_at, d.element_id, d.variables
    from issued_documents d join requests r on r.id = d.request_id
    where r.tracking_code = ${trackingCode} and d.document_number = ${documentNumber}`;
  return row ? fromRow(row) : undefined;
}

/** The documents issued for a request, oldest first. */
export async function listIssuedDocuments(db: Db, requestId: string): Promise<IssuedDocument[]> {
  const rows = await db<IssuedRow[]>`
    select template, title_fr, title_en, document_number, issued_at, element_id, variables
    from issued_documents where request_id = ${requestId} order by issued_at, document_number`;
  return rows.map(fromRow);
}

/** Where an issued document is downloaded; the e-mail the request was filed with opens it to the citizen. */
export function issuedDocumentUrl(
  publicUrl: string,
  trackingCode: string,
  documentNumber: string,
  email: string | null,
): string {
  const url = new URL(`/documents/${trackingCode}/${documentNumber}.pdf`, publicUrl);
  if (email) url.searchParams.set('email', email);
  return url.toString();
}

/** What the route borrows from the other documents' routes: the same access rules and answers. */
export interface IssuedDocumentAccess {
  db: Database;
  /** The request for its municipality's agent or the citizen who gives its e-mail, else undefined. */
  readable(req: Request): Promise<RequestDocument | undefined>;
  notFound(res: Response): void;
  failed(res: Response): void;
  /** the request's tracking page on its town's portal */
  trackingUrl(request: RequestDocument): Promise<string>;
  log(line: string): void;
}

/**
 * `GET /documents/:trackingCode/:documentNumber.pdf`: an issued document, to the same people as the
 * acknowledgement; an unknown number answers like an unknown code.
 */
export function serveIssuedDocuments(router: Router, access: IssuedDocumentAccess): void {
  router.get('/:trackingCode/:documentNumber.pdf', async (req: Request, res: Response, next: NextFunction) => {
    const number = String(req.params.documentNumber);
    // Not a document number: another route's file (`decision.pdf`…), wherever it was registered.
    if (!DOCUMENT_NUMBER.test(number)) return next();
    try {
      const request = await access.readable(req);
      if (!request) return void access.notFound(res);
      const document = await access.db.within(request.municipalityId, (tx) =>
        loadIssuedDocument(tx, request.trackingCode, number),
      );
      if (!document) return void access.notFound(res);
      const signer = await access.db.within(request.municipalityId, (tx) =>
        decisionSigner(tx, request.trackingCode, document.issuedAt),
      );
      const pdf = await issuedDocumentPdf(request, document, await access.trackingUrl(request), new Date(), { signer });
      res
        .status(200)
        .type('application/pdf')
        .set('Cache-Control', 'private, no-store')
        .set('Content-Disposition', `inline; filename="${document.template}-${number}.pdf"`)
        .send(Buffer.from(pdf));
    } catch (error) {
      access.log(`documents: ${number} of ${req.params.trackingCode}: ${String(error)}`);
      access.failed(res);
    }
  });
}

/**
 * The PDF of an issued document: the letterhead with its title and the QR code to its public
 * verification, its number, date and fingerprint, then what its template prints, and the signature.
 * The frozen inputs are checked again as at issue time. A draft (the signer's preview, before any
 * signature) says so at the top and carries no number, fingerprint or QR code.
 */
export async function issuedDocumentPdf(
  request: RequestDocument,
  document: IssuedDocument,
  trackingUrl: string,
  now: Date,
  options: { draft?: boolean; signer?: DecisionSigner } = {},
): Promise<Uint8Array> {
  if (!isDocumentTemplate(document.template)) {
    throw new Error(`Document ${document.documentNumber} has the unknown template "${document.template}".`);
  }
  const check = checkDocumentData(document.template, document.variables);
  if (!check.ok) {
    throw new Error(
      `Document ${document.documentNumber} has inputs its template refuses: ${check.problems.join('; ')}.`,
    );
  }
  const { municipality } = request;
  const zone = municipality.timeZone;
  const issued = { fr: dayOf(document.issuedAt, zone, 'fr'), en: dayOf(document.issuedAt, zone, 'en') };
  const verification = verificationUrl(trackingUrl, document.documentNumber);
  const letter = await Letter.create({
    title: options.draft
      ? `PROJET — ${document.title.fr} — ${request.trackingCode}`
      : `${document.title.fr} n° ${document.documentNumber} — ${request.trackingCode}`,
    author: municipality.name,
    subject: request.procedureTitle.fr,
    reference: options.draft
      ? `Projet · ${request.trackingCode}`
      : `${document.documentNumber} · ${request.trackingCode}`,
    footer: options.draft
      ? `Projet établi le ${dayOf(now, zone, 'fr')} pour relecture avant signature : sans valeur. / Draft for review before signing: of no value.`
      : `Document n° ${document.documentNumber} délivré le ${issued.fr} par ${municipality.name}, ` +
        `demande ${request.trackingCode}. Vérifiable en ligne : ${verification}. ` +
        `Copie établie le ${dayOf(now, zone, 'fr')}.`,
  });
  letterhead(letter, request, document.title, options.draft ? undefined : verification);
  if (options.draft) {
    letter.row(
      { fr: 'Statut', en: 'Status' },
      { fr: 'PROJET non signé, sans valeur', en: 'DRAFT, not signed, of no value' },
      { size: 12, bold: true },
    );
  } else {
    letter.row({ fr: 'Numéro', en: 'Number' }, { fr: document.documentNumber }, { size: 12, bold: true });
    letter.row({ fr: 'Délivré le', en: 'Issued on' }, issued);
    letter.row({ fr: 'Empreinte', en: 'Fingerprint' }, { fr: documentFingerprint(document) }, { size: 8 });
  }
  letter.row(
    { fr: 'Demande', en: 'Request' },
    { fr: `${request.procedureTitle.fr} — ${request.trackingCode}`, en: request.procedureTitle.en },
  );
  // When pieces were missing, the delays ran from the complete file (CRPA art. L114-5).
  if (request.completeAt)
    letter.row(
      { fr: 'Dossier complet le', en: 'File complete on' },
      { fr: dayOf(request.completeAt, zone, 'fr'), en: dayOf(request.completeAt, zone, 'en') },
    );
  letter.rule();
  BODIES[check.data.template](letter, inWords(check.data), zone);
  const issuedDay = new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(document.issuedAt);
  signature(letter, municipality.name, issuedDay, {
    quality: check.data.signatory ?? DEFAULT_SIGNATORY[check.data.template],
    // A receipt is the town's, not the last decision's signer.
    signer: check.data.template === 'payment-receipt' ? undefined : options.signer,
  });
  return letter.save();
}

/** The document's texts with the ISO dates FEEL joined into them in words: « à compter du 1 septembre 2026 ». */
function inWords(data: DocumentData): never {
  const words = (value: unknown): unknown =>
    typeof value === 'string' ? datesInText(value, 'fr') : Array.isArray(value) ? value.map(words) : value;
  // Calendar fields (from, until, date) keep their ISO form: the templates print them in both languages.
  const dated = new Set(['from', 'until', 'date']);
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, dated.has(key) ? value : words(value)]),
  ) as never;
}

type Body<T extends DocumentData['template']> = (
  letter: Letter,
  data: Extract<DocumentData, { template: T }>,
  zone: string,
) => void;

const BODIES: { [T in DocumentData['template']]: Body<T> } = {
  letter: (letter, data) => {
    if (data.recipient) letter.row({ fr: 'Destinataire', en: 'To' }, { fr: data.recipient });
    letter.gap(6);
    for (const paragraph of data.paragraphs) {
      letter.paragraph(paragraph, { size: 10.5 });
      letter.gap(6);
    }
  },

  permit: (letter, data) => {
    visas(letter, data.visas);
    heading(letter, { fr: 'Autorisation', en: 'Permission granted' });
    letter.row({ fr: 'Titulaire', en: 'Holder' }, { fr: data.holder }, { bold: true });
    letter.row({ fr: 'Objet', en: 'Purpose' }, { fr: data.object });
    letter.row({ fr: 'Lieu', en: 'Place' }, { fr: data.place });
    letter.row(
      { fr: 'Période', en: 'Period' },
      {
        fr: `du ${isoDay(data.from, 'fr')} au ${isoDay(data.until, 'fr')} inclus (du ${dateSpelledOut(data.from, 'fr').slice(3)} au ${dateSpelledOut(data.until, 'fr').slice(3)})`,
        en: `from ${isoDay(data.from, 'en')} to ${isoDay(data.until, 'en')} inclusive`,
      },
    );
    letter.row(
      { fr: 'Redevance', en: 'Fee' },
      data.fee
        ? {
            fr: `${euros(data.fee, 'fr')} (${eurosInWords(data.fee, 'fr')})`,
            en: `${euros(data.fee, 'en')} (${eurosInWords(data.fee, 'en')})`,
          }
        : { fr: 'Gratuit', en: 'Free of charge' },
      { bold: true },
    );
    if (data.conditions.length > 0) {
      heading(letter, { fr: 'Conditions', en: 'Conditions' });
      list(letter, data.conditions);
    }
    letter.gap(6);
    mention(letter, {
      fr:
        "Cette autorisation est personnelle, précaire et révocable ; elle ne vaut que pour l'objet, le lieu et la " +
        'période indiqués, et ne dispense pas des autres autorisations requises.',
      en: 'This permission is personal and revocable; it is valid only for the purpose, place and period stated.',
    });
    appeal(letter);
  },

  'civil-status-extract': (letter, data) => {
    const kind = CIVIL_STATUS[data.kind];
    heading(letter, kind.heading);
    if (data.actNumber) letter.row({ fr: "Numéro de l'acte", en: 'Record number' }, { fr: data.actNumber });
    for (const name of data.names) letter.row(kind.person, { fr: name }, { bold: true });
    letter.row(kind.date, { fr: isoDay(data.date, 'fr'), en: isoDay(data.date, 'en') });
    letter.row({ fr: 'À', en: 'At' }, { fr: data.place });
    heading(letter, { fr: 'Mentions marginales', en: 'Marginal notes' });
    if (data.mentions.length > 0) list(letter, data.mentions);
    else letter.paragraph('Néant. / None.', { size: 10 });
    letter.gap(6);
    mention(letter, {
      fr: "Extrait certifié conforme aux indications portées au registre de l'état civil.",
      en: 'Extract certified true to the civil status register.',
    });
  },

  'payment-receipt': (letter, data) => {
    heading(letter, { fr: 'Reçu de paiement', en: 'Payment receipt' });
    letter.row({ fr: 'Payé par', en: 'Paid by' }, { fr: data.payer }, { bold: true });
    letter.row({ fr: 'Objet', en: 'Purpose' }, { fr: data.object });
    letter.row(
      { fr: 'Montant', en: 'Amount' },
      {
        fr: `${euros(data.amount, 'fr')} (${eurosInWords(data.amount, 'fr')})`,
        en: `${euros(data.amount, 'en')} (${eurosInWords(data.amount, 'en')})`,
      },
      { bold: true },
    );
    letter.row({ fr: 'Référence', en: 'Reference' }, { fr: data.reference });
    letter.row(
      { fr: 'Règlement', en: 'Paid' },
      {
        fr: `en ligne par carte bancaire (PayFiP, Trésor public)${data.authorisation ? `, autorisation n° ${data.authorisation}` : ''}`,
        en: `online by card (PayFiP, Public Treasury)${data.authorisation ? `, authorisation no. ${data.authorisation}` : ''}`,
      },
    );
    letter.gap(6);
    mention(letter, {
      fr: 'Reçu délivré pour valoir ce que de droit. Les sommes sont encaissées par le comptable public de la commune.',
      en: 'Receipt issued for all legal purposes. The sums are collected by the town’s public accountant.',
    });
  },

  decision: (letter, data) => {
    visas(letter, data.visas);
    letter.row({ fr: 'Objet', en: 'Subject' }, { fr: data.object });
    const approved = data.outcome === 'approve';
    letter.row(
      { fr: 'Décision', en: 'Decision' },
      approved ? { fr: 'ACCORDÉE', en: 'Approved' } : { fr: 'REFUSÉE', en: 'Refused' },
      { size: 13, bold: true },
    );
    if (data.reasons.length > 0) {
      heading(letter, { fr: 'Motifs', en: 'Grounds' });
      list(letter, data.reasons);
    }
    appeal(letter);
  },
};

const CIVIL_STATUS = {
  birth: {
    heading: { fr: 'Extrait d’acte de naissance', en: 'Extract of a birth record' },
    person: { fr: 'Nom et prénoms', en: 'Name' },
    date: { fr: 'Né(e) le', en: 'Born on' },
  },
  marriage: {
    heading: { fr: 'Extrait d’acte de mariage', en: 'Extract of a marriage record' },
    person: { fr: 'Époux', en: 'Spouse' },
    date: { fr: 'Mariés le', en: 'Married on' },
  },
  death: {
    heading: { fr: 'Extrait d’acte de décès', en: 'Extract of a death record' },
    person: { fr: 'Nom et prénoms', en: 'Name' },
    date: { fr: 'Décédé(e) le', en: 'Died on' },
  },
} satisfies Record<string, { heading: Required<Bilingual>; person: Bilingual; date: Bilingual }>;

const DEFAULT_SIGNATORY: Record<DocumentData['template'], string | undefined> = {
  letter: undefined,
  permit: 'Le maire',
  'civil-status-extract': "L'officier de l'état civil",
  decision: 'Le maire',
  'payment-receipt': undefined,
};

function heading(letter: Letter, title: Required<Bilingual>): void {
  letter.gap(6);
  letter.paragraph(title.fr, { size: 11, bold: true });
  letter.paragraph(title.en, { size: 8.5, color: MUTED });
  letter.gap(4);
}

function list(letter: Letter, items: string[]): void {
  for (const item of items) letter.paragraph(`•  ${item}`, { size: 10, indent: 8 });
}

function mention(letter: Letter, text: Required<Bilingual>): void {
  letter.paragraph(text.fr, { size: 9 });
  letter.paragraph(text.en, { size: 8, color: MUTED });
}

/** The legal basis the procedure gives, one « Vu … » a line, before what is decided. */
function visas(letter: Letter, lines: string[]): void {
  if (lines.length === 0) return;
  letter.gap(4);
  for (const line of lines) letter.paragraph(line, { size: 10 });
  letter.gap(4);
}

/** The routes and delays of appeal against a decision (CRPA, code de justice administrative art. R421-1 and R421-5). */
function appeal(letter: Letter): void {
  letter.gap(6);
  for (const line of appealRoutes('decision', 'fr')) letter.paragraph(line, { size: 9 });
  for (const line of appealRoutes('decision', 'en')) letter.paragraph(line, { size: 8, color: MUTED });
}

/**
 * Where and when, in words (« Fait à Démoville, le sept décembre deux mille vingt-six »), then the
 * signatory: the name of the agent who signed the decision, under the quality the procedure gives.
 */
function signature(
  letter: Letter,
  municipality: string,
  issuedDay: string,
  by: { quality?: string; signer?: DecisionSigner },
): void {
  letter.room(100);
  letter.gap(20);
  letter.paragraph(`Fait pour ${municipality}, ${dateSpelledOut(issuedDay, 'fr')}.`, { size: 10.5 });
  letter.paragraph(`Issued for ${municipality} on ${dateSpelledOut(issuedDay, 'en')}.`, { size: 9, color: MUTED });
  const { quality, signer } = by;
  if (!quality && !signer) return;
  letter.gap(8);
  if (quality) letter.paragraph(quality, { size: 10.5 });
  if (signer) {
    letter.paragraph(signer.name, { size: 10.5, bold: true });
    if (signer.onBehalfOf)
      letter.paragraph(`pour ${signer.onBehalfOf}, par délégation / on behalf of ${signer.onBehalfOf}`, { size: 9 });
    letter.paragraph('Signé électroniquement / Signed electronically', { size: 8.5, color: MUTED });
  }
}

/** An ISO calendar date as words, with no time zone to shift it. */
function isoDay(date: string, lang: Lang): string {
  return dayOf(new Date(`${date}T00:00:00Z`), 'UTC', lang);
}

function euros(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    amount,
  );
}
