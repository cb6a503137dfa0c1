// PayFiP, the Public Treasury's online payment service for local authorities (formerly TIPI), as its
// web service documents it: `creerPaiementSecurise` (SOAP) creates a secured payment and answers its
// idOp; the payer goes to the payment page with that idOp; PayFiP posts `idOp` to `urlnotif`
// (server to server) and sends the browser back to `urlredirect`; either way Parvis reads the
// result with `recupererDetailPaiementSecurise` (resultrans: P or V paid, R refused, A abandoned;
// the fault P5 while the payer has not finished).
import { differences, type PaymentDetails, type PaymentOrder, type PaymentProvider } from './provider.ts';

/** The town's PayFiP settings (payment_settings). */
export interface PayfipSettings {
  /** the client number the Treasury gave the town (numcli), six digits */
  clientNumber: string;
  environment: 'TEST' | 'ACTIVATION' | 'PRODUCTION';
  /** the SOAP service's address; PayFiP's own unless set */
  serviceUrl?: string;
  /** the payment page's address, the idOp appended; PayFiP's own unless set */
  pageUrl?: string;
}

export const PAYFIP_SERVICE_URL = 'https://www.tipi.budget.gouv.fr/tpa/services/securite';
export const PAYFIP_PAGE_URL = 'https://www.payfip.gouv.fr/tpa/paiementws.web';
const PAYFIP_NAMESPACE =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

/** PayFiP's `saisie`: T test, X activation (the town's acceptance run), W production. */
const SAISIE = { TEST: 'T', ACTIVATION: 'X', PRODUCTION: 'W' } as const;

/** resultrans: P paid by card, V paid by direct debit, R refused, A abandoned by the payer. */
const RESULTS: Record<string, PaymentDetails['result']> = { P: 'PAID', V: 'PAID', R: 'REFUSED', A: 'ABANDONED' };

/** A SOAP fault PayFiP answered, with its code (P1…P5, …) and its words. */
class PayfipFault extends Error {
  constructor(
    readonly code: string,
    description: string,
  ) {
    super(`PayFiP: ${code} ${description}`.trim());
  }
}

export function payfipProvider(settings: PayfipSettings): PaymentProvider {
  const serviceUrl = settings.serviceUrl ?? PAYFIP_SERVICE_URL;
  const pageUrl = settings.pageUrl ?? PAYFIP_PAGE_URL;
  return {
    name: 'payfip',

    async create(order: PaymentOrder) {
      const answer = await call(serviceUrl, 'creerPaiementSecurise', {
        exer: String(order.year),
        mel: order.email,
        montant: String(order.amountCents),
        numcli: settings.clientNumber,
        objet: payfipText(order.label),
        refdet: order.reference,
        saisie: SAISIE[settings.environment],
        urlnotif: order.notifyUrl,
        urlredirect: order.returnUrl,
      });
      const operationId = element(answer, 'idOp');
      if (!operationId) throw new Error('PayFiP answered creerPaiementSecurise without an idOp.');
      return { operationId, pageUrl: `${pageUrl}?idop=${encodeURIComponent(operationId)}` };
    },

    async details(operationId: string): Promise<PaymentDetails | 'PENDING' | undefined> {
      let answer: string;
      try {
        answer = await call(serviceUrl, 'recupererDetailPaiementSecurise', { idOp: operationId });
      } catch (error) {
        // P5: the payer has not finished; no result yet. Other functional faults: no such operation.
        if (error instanceof PayfipFault) {
          return error.code === 'P5' ? 'PENDING' : undefined;
        }
        throw error;
      }
      const code = element(answer, 'resultrans') ?? '';
      return {
        operationId: element(answer, 'idOp') ?? '',
        clientNumber: element(answer, 'numcli') ?? '',
        reference: element(answer, 'refdet') ?? '',
        amountCents: Number(element(answer, 'montant') ?? Number.NaN),
        year: Number(element(answer, 'exer') ?? Number.NaN),
        ...(RESULTS[code] ? { result: RESULTS[code] } : {}),
        ...(element(answer, 'numauto') ? { authorisation: element(answer, 'numauto') } : {}),
      };
    },

    verify: differences,
  };
}

/** PayFiP's `objet`: letters, digits and spaces without accents, 100 at most. */
export function payfipText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

/** One SOAP call; a SOAP fault becomes a PayfipFault, any other failure an Error to retry. */
async function call(serviceUrl: string, operation: string, fields: Record<string, string>): Promise<string> {
  const response = await fetch(serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '' },
    body: envelope(operation, fields),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (text.includes('Fault>')) {
    throw new PayfipFault(
      element(text, 'code') ?? element(text, 'faultstring') ?? '?',
      element(text, 'descriptif') ?? '',
    );
  }
  if (!response.ok) throw new Error(`PayFiP ${operation} answered HTTP ${response.status}.`);
  return text;
}

/** A SOAP 1.1 envelope for one of PayFiP's operations, its fields in `arg0`. */
export function envelope(operation: string, fields: Record<string, string>): string {
  const args = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    `xmlns:pai="${PAYFIP_NAMESPACE}"><soapenv:Body><pai:${operation}><arg0>${args}</arg0>` +
    `</pai:${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

/** The text of the first element named so (any namespace prefix), unescaped. */
export function element(xml: string, name: string): string | undefined {
  const found = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return found ? unescapeXml(found[1]!) : undefined;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
