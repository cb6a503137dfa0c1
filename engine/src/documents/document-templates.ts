// Pure: the templates of issued documents and the checks of their data, shared by the workers'
// `parvis:document` job (which refuses bad data when the document is issued) and the API (which
// renders the PDF from the data frozen then).

/** A text in French, with its English translation. */
export interface DocumentTitle {
  fr: string;
  en: string;
}

export type CivilStatusKind = 'birth' | 'marriage' | 'death';

/** What each template prints, once its inputs are checked. */
export type DocumentData =
  | {
      template: 'letter';
      /** Paragraphs, from `body` split on blank lines. */
      paragraphs: string[];
      recipient?: string;
      signatory?: string;
    }
  | {
      template: 'permit';
      holder: string;
      object: string;
      place: string;
      /** ISO dates, YYYY-MM-DD; `until` is on or after `from`. */
      from: string;
      until: string;
      /** Euros; absent when free. */
      fee?: number;
      conditions: string[];
      /** the legal basis the procedure gives (« Vu le code général des collectivités territoriales… ») */
      visas: string[];
      signatory?: string;
    }
  | {
      template: 'civil-status-extract';
      kind: CivilStatusKind;
      /** One person for a birth or a death, the two spouses for a marriage. */
      names: string[];
      /** ISO date of the event, YYYY-MM-DD. */
      date: string;
      place: string;
      /** Marginal mentions; none when empty. */
      mentions: string[];
      actNumber?: string;
      signatory?: string;
    }
  | {
      template: 'payment-receipt';
      /** who paid (the request's holder) */
      payer: string;
      /** what was paid for */
      object: string;
      /** euros */
      amount: number;
      /** the town's reference of the debt (PayFiP's refdet) */
      reference: string;
      /** the bank's authorisation number */
      authorisation?: string;
      signatory?: string;
    }
  | {
      template: 'decision';
      outcome: 'approve' | 'refuse';
      object: string;
      reasons: string[];
      /** the legal basis the procedure gives (« Vu… ») */
      visas: string[];
      signatory?: string;
    };

export type DocumentTemplate = DocumentData['template'];

interface TemplateSpec {
  title: DocumentTitle;
  /** The inputs, for messages and the analysts' guide. */
  inputs: string;
}

export const DOCUMENT_TEMPLATES: Record<DocumentTemplate, TemplateSpec> = {
  letter: {
    title: { fr: 'Courrier', en: 'Letter' },
    inputs:
      'body (text, blank lines between paragraphs) or replyTemplate (the name of a letter template managers word), recipient?, signatory?',
  },
  permit: {
    title: { fr: 'Arrêté portant autorisation', en: 'Permit' },
    inputs:
      'holder, object, place, from and until (dates YYYY-MM-DD), fee? (euros), conditions? (list or lines), visas? (list or lines), signatory? (its quality)',
  },
  'civil-status-extract': {
    title: { fr: "Extrait d'acte d'état civil", en: 'Civil status extract' },
    inputs:
      'kind (birth, marriage or death), names (one person, or the two spouses), date (YYYY-MM-DD), place, mentions? (list or lines), actNumber?, signatory?',
  },
  'payment-receipt': {
    title: { fr: 'Reçu de paiement', en: 'Payment receipt' },
    inputs: 'payer, object, amount (euros, more than zero), reference, authorisation?, signatory?',
  },
  decision: {
    title: { fr: 'Décision', en: 'Decision' },
    inputs:
      'outcome (approve or refuse), object, reasons (list or lines; required to refuse), visas? (list or lines), signatory? (its quality)',
  },
};

export function isDocumentTemplate(name: string): name is DocumentTemplate {
  return Object.hasOwn(DOCUMENT_TEMPLATES, name);
}

export type DocumentCheck = { ok: true; data: DocumentData } | { ok: false; problems: string[] };

/**
 * Checks a template's inputs and shapes them for printing. Every problem is listed, each naming
 * its input, so the analyst fixes the mappings in one go.
 */
export function checkDocumentData(template: DocumentTemplate, variables: Record<string, unknown>): DocumentCheck {
  const problems: string[] = [];
  const read = new Reader(variables, problems);
  const signatory = read.optionalText('signatory');
  let data: DocumentData;
  switch (template) {
    case 'letter': {
      const body = read.text('body');
      data = {
        template,
        paragraphs: body
          .split(/\r?\n\s*\r?\n/)
          .map((p) => p.trim())
          .filter(Boolean),
        recipient: read.optionalText('recipient'),
        signatory,
      };
      break;
    }
    case 'permit': {
      const holder = read.text('holder');
      const object = read.text('object');
      const place = read.text('place');
      const from = read.date('from');
      const until = read.date('until');
      if (from && until && until < from) problems.push(`"until" (${until}) is before "from" (${from})`);
      const fee = read.optionalNumber('fee');
      if (fee !== undefined && fee < 0) problems.push(`"fee" must not be negative (got ${fee})`);
      data = {
        template,
        holder,
        object,
        place,
        from,
        until,
        fee,
        conditions: read.list('conditions'),
        visas: read.list('visas'),
        signatory,
      };
      break;
    }
    case 'civil-status-extract': {
      const kind = read.choice('kind', ['birth', 'marriage', 'death'] as const);
      const names = read.list('names');
      const expected = kind === 'marriage' ? 2 : 1;
      if (kind && names.length !== expected) {
        problems.push(
          `"names" must hold ${expected === 2 ? 'the two spouses' : 'one person'} for a ${kind} extract (got ${names.length})`,
        );
      }
      data = {
        template,
        kind: kind ?? 'birth',
        names,
        date: read.date('date'),
        place: read.text('place'),
        mentions: read.list('mentions'),
        actNumber: read.optionalText('actNumber'),
        signatory,
      };
      break;
    }
    case 'payment-receipt': {
      const payer = read.text('payer');
      const object = read.text('object');
      const amount = read.optionalNumber('amount');
      if (amount === undefined || !(amount > 0)) problems.push('"amount" must be a number of euros above zero');
      data = {
        template,
        payer,
        object,
        amount: amount ?? 0,
        reference: read.text('reference'),
        authorisation: read.optionalText('authorisation'),
        signatory,
      };
      break;
    }
    case 'decision': {
      const outcome = read.choice('outcome', ['approve', 'refuse'] as const);
      const object = read.text('object');
      const reasons = read.list('reasons');
      if (outcome === 'refuse' && reasons.length === 0) {
        problems.push('"reasons" is required to refuse: a refusal states its grounds (CRPA art. L211-2)');
      }
      data = { template, outcome: outcome ?? 'approve', object, reasons, visas: read.list('visas'), signatory };
      break;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data };
}

/** Reads inputs, noting each problem instead of stopping at the first. */
class Reader {
  constructor(
    private readonly variables: Record<string, unknown>,
    private readonly problems: string[],
  ) {}

  private value(name: string): unknown {
    const value = this.variables[name];
    return value === null || value === '' ? undefined : value;
  }

  text(name: string): string {
    const value = this.optionalText(name);
    if (value === undefined && !this.problems.some((p) => p.startsWith(`"${name}"`))) {
      this.problems.push(`"${name}" is missing`);
    }
    return value ?? '';
  }

  optionalText(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.problems.push(`"${name}" must be a text (got ${describe(value)})`);
      return undefined;
    }
    return value.trim() || undefined;
  }

  optionalNumber(name: string): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    const number = typeof value === 'string' ? Number(value.replace(',', '.')) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      this.problems.push(`"${name}" must be a number (got ${describe(value)})`);
      return undefined;
    }
    return number;
  }

  date(name: string): string {
    const value = this.value(name);
    if (value === undefined) {
      this.problems.push(`"${name}" is missing`);
      return '';
    }
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value) : null;
    const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
    const real = match && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
    if (!real) {
      this.problems.push(`"${name}" must be a date YYYY-MM-DD (got ${describe(value)})`);
      return '';
    }
    return (value as string).slice(0, 10);
  }

  choice<T extends string>(name: string, options: readonly T[]): T | undefined {
    const value = this.value(name);
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    this.problems.push(
      value === undefined
        ? `"${name}" is missing (${options.join(', ')})`
        : `"${name}" must be one of ${options.join(', ')} (got ${describe(value)})`,
    );
    return undefined;
  }

  /** A list of texts: a JSON list, or a text with one item a line. */
  list(name: string): string[] {
    const value = this.value(name);
    if (value === undefined) return [];
    const items = typeof value === 'string' ? value.split(/\r?\n/) : Array.isArray(value) ? value : undefined;
    if (!items || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
      this.problems.push(`"${name}" must be a list of texts, or a text with one a line (got ${describe(value)})`);
      return [];
    }
    return items
      .map((item) => String(item).trim())
      .map((item) => item.replace(/^[-•*]\s+/, ''))
      .filter(Boolean);
  }
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}
