// A payment provider, as Parvis uses one: create a payment the citizen completes on the provider's
// page, read a payment's details back from the provider (never from the browser), and check that
// those details are the payment Parvis asked for. PayFiP (payfip.ts) is the first; a card acquirer
// would be a second implementation of the same three calls.

/** What Parvis asks a provider to collect. */
export interface PaymentOrder {
  /** the town's reference of the debt (PayFiP's refdet): 6 to 30 letters and digits */
  reference: string;
  amountCents: number;
  /** what is paid for, as the payer reads it on the provider's page */
  label: string;
  /** the payer's e-mail address, for the provider's receipt; not stored by Parvis */
  email: string;
  /** the year the debt belongs to (PayFiP's exer) */
  year: number;
  /** where the provider posts its server-to-server notification */
  notifyUrl: string;
  /** where the provider sends the payer's browser back */
  returnUrl: string;
}

/** A payment the provider created: its operation id and the page the payer goes to. */
export interface CreatedPayment {
  operationId: string;
  pageUrl: string;
}

/** The outcome as the provider words it, in Parvis's words. */
export type ProviderResult = 'PAID' | 'REFUSED' | 'ABANDONED';

/** A payment as the provider knows it. */
export interface PaymentDetails {
  operationId: string;
  /** the town's client number the provider holds the payment under (PayFiP's numcli) */
  clientNumber: string;
  reference: string;
  amountCents: number;
  year: number;
  /** absent when the provider words a result Parvis does not know */
  result?: ProviderResult;
  /** the bank's authorisation number of a paid payment */
  authorisation?: string;
}

/** What Parvis stored of a payment, to compare the provider's details with. */
export interface ExpectedPayment {
  operationId: string;
  clientNumber: string;
  reference: string;
  amountCents: number;
  year: number;
}

export interface PaymentProvider {
  readonly name: string;
  create(order: PaymentOrder): Promise<CreatedPayment>;
  /**
   * The payment's details; `PENDING` while the payer has not finished (PayFiP's fault P5);
   * undefined when the provider knows no such operation.
   */
  details(operationId: string): Promise<PaymentDetails | 'PENDING' | undefined>;
  /** Why the details are not the expected payment (in French, then English), or undefined when they are. */
  verify(expected: ExpectedPayment, details: PaymentDetails): string | undefined;
}

/** The checks every provider's verify makes: the same operation, town, debt, amount and year. */
export function differences(expected: ExpectedPayment, details: PaymentDetails): string | undefined {
  if (details.operationId !== expected.operationId) {
    return 'opération différente de celle du paiement / not the payment’s operation';
  }
  if (details.clientNumber !== expected.clientNumber) {
    return `numéro de client ${details.clientNumber} au lieu de ${expected.clientNumber} / another client number`;
  }
  if (details.reference !== expected.reference) {
    return `référence ${details.reference} inconnue pour ce paiement / unknown reference`;
  }
  if (details.amountCents !== expected.amountCents) {
    return `montant ${details.amountCents} centimes au lieu de ${expected.amountCents} / a different amount`;
  }
  if (details.year !== expected.year) return `exercice ${details.year} au lieu de ${expected.year} / another year`;
  return undefined;
}
