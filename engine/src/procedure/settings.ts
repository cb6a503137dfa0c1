// Sandbox-safe: Parvis settings an analyst puts on a procedure as zeebe:properties.
import type { BusinessAmount } from '../calendar/business-time.ts';
import { DELAY_UNITS, type LegalDelay } from '../calendar/legal-delay.ts';
import { compiled, type ElementIR } from '../compiler/ir.ts';
import type { Piece } from '../lifecycle/completeness.ts';
import type { ModelProblem, ProcessIR } from '../runtime/types.ts';
import { openChannels } from './channels.ts';

export type SilenceRegime = 'acceptance' | 'refusal' | 'none';

export interface ProcedureSettings {
  /** maximum processing time (`sla.businessDays` or `sla.businessHours`) */
  sla?: BusinessAmount;
  /** share of the time after which the request is at risk and assignees are reminded (`sla.atRiskRatio`) */
  atRiskRatio: number;
  /** what the administration's silence means (`silence`: acceptance, refusal or none) */
  silence: SilenceRegime;
  /**
   * after how long silence becomes a decision: `silence.months` (2 by default), `silence.weeks`,
   * `silence.days` (calendar days) or `silence.businessDays`
   */
  silenceDelay: LegalDelay;
  /** the time a citizen is given to send missing pieces (`completeness.months`, `.weeks`, `.days`, `.businessDays`; 1 month by default) */
  completenessDelay: LegalDelay;
  /**
   * the pieces that make a file complete (CRPA art. L114-5): `piece.<id>` = « French | English »;
   * `piece.<id>.field` names the start form's field that carries it, empty at submission = missing
   */
  pieces: Piece[];
  /** why silence makes no decision, when it makes none (`silence.reason` = « French | English ») */
  silenceReason?: { fr: string; en: string };
}

const REGIMES: SilenceRegime[] = ['acceptance', 'refusal', 'none'];

/** Reads the SLA of a procedure or of a task from its properties; problems name the property. */
export function readSla(
  properties: Record<string, string>,
  problems: ModelProblem[],
  elementId?: string,
): BusinessAmount | undefined {
  return readBusinessAmount(properties, 'sla', problems, elementId);
}

/**
 * The business time a timer event waits instead of its ISO duration (`timer.businessDays`,
 * `timer.businessHours`); the host counts it on the municipality's calendar when it arms the timer.
 * Only a timer with a duration that a request arms takes it: a date or a cycle keeps its own time,
 * and a procedure's timer start is scheduled without a request's calendar.
 */
export function readTimerDelay(element: ElementIR, problems: ModelProblem[]): BusinessAmount | undefined {
  const amount = readBusinessAmount(element.properties ?? {}, 'timer', problems, element.id);
  const armedByRequest = !(element.type === 'startEvent' && element.scope === undefined);
  if (amount && !(element.trigger?.kind === 'timer' && element.trigger.timer.duration && armedByRequest)) {
    const name = amount.days !== undefined ? 'timer.businessDays' : 'timer.businessHours';
    problems.push({
      code: 'INVALID_SETTING',
      message: `Property "${name}" counts only on a timer event with a duration (timeDuration) inside the process, not on ${element.id}. Give it a duration timer, or remove the property in the properties panel.`,
      messageFr: `La propriété « ${name} » ne vaut que pour un événement minuterie à durée (timeDuration) dans le processus, pas pour ${element.id}. Donnez-lui une minuterie à durée, ou retirez la propriété dans le panneau des propriétés.`,
      elementId: element.id,
    });
  }
  return amount;
}

/** The business time a running request's timer waits, when its element sets a valid one; else its ISO duration counts. */
export function timerBusinessDelay(ir: ProcessIR, elementId: string): BusinessAmount | undefined {
  const element = compiled(ir).elements[elementId];
  if (!element) return undefined;
  const problems: ModelProblem[] = [];
  const amount = readTimerDelay(element, problems);
  return problems.length === 0 ? amount : undefined;
}

/** `<prefix>.businessDays` and `<prefix>.businessHours` as an amount of business time. */
function readBusinessAmount(
  properties: Record<string, string>,
  prefix: 'sla' | 'timer',
  problems: ModelProblem[],
  elementId?: string,
): BusinessAmount | undefined {
  const days = properties[`${prefix}.businessDays`];
  const hours = properties[`${prefix}.businessHours`];
  if (days === undefined && hours === undefined) return undefined;
  const amount: BusinessAmount = {};
  if (days !== undefined) amount.days = positiveNumber(days, `${prefix}.businessDays`, problems, elementId, true);
  if (hours !== undefined) amount.hours = positiveNumber(hours, `${prefix}.businessHours`, problems, elementId, false);
  return amount;
}

/** The procedure-level settings, with defaults, and what is wrong with them. */
export function procedureSettings(properties: Record<string, string>): {
  settings: ProcedureSettings;
  problems: ModelProblem[];
} {
  const problems: ModelProblem[] = [];
  const sla = readSla(properties, problems);
  const ratio = properties['sla.atRiskRatio'] === undefined ? 0.75 : Number(properties['sla.atRiskRatio']);
  if (!(ratio > 0 && ratio < 1))
    problems.push(
      problem('sla.atRiskRatio', `must be a number between 0 and 1, e.g. 0.75, not "${properties['sla.atRiskRatio']}"`),
    );
  const silence = (properties.silence ?? 'none') as SilenceRegime;
  if (!REGIMES.includes(silence))
    problems.push(problem('silence', `must be acceptance, refusal or none, not "${properties.silence}"`));
  const silenceDelay = readDelay(properties, 'silence', { amount: 2, unit: 'months' }, problems);
  const completenessDelay = readDelay(properties, 'completeness', { amount: 1, unit: 'months' }, problems);
  const pieces = readPieces(properties, problems);
  const silenceReason = properties['silence.reason'] ? bilingual(properties, 'silence.reason', problems) : undefined;
  return {
    settings: {
      sla,
      atRiskRatio: ratio,
      silence,
      silenceDelay,
      completenessDelay,
      pieces,
      ...(silenceReason ? { silenceReason } : {}),
    },
    problems,
  };
}

/** A property read « French words | English words », or undefined with a problem naming it. */
function bilingual(
  properties: Record<string, string>,
  name: string,
  problems: ModelProblem[],
): { fr: string; en: string } | undefined {
  const value = properties[name]!;
  const [fr, en, ...rest] = value.split('|').map((part) => part.trim());
  if (fr && en && rest.length === 0) return { fr, en };
  problems.push(
    problem(name, `must read « French words | English words », e.g. « Plan de situation | Site plan », not "${value}"`),
  );
  return undefined;
}

/**
 * The agent group whose department handles the procedure's requests, for the acknowledgement's
 * « service in charge »: `service.group`, else the first group named by a user task (by element id).
 */
export function serviceGroup(ir: ProcessIR): string | undefined {
  if (ir.properties['service.group']) return ir.properties['service.group'];
  // A stored IR (jsonb) keeps no order of its elements: the first by id, the same every time.
  const elements = compiled(ir).elements;
  for (const id of Object.keys(elements).sort()) {
    const groups = elements[id]!.userTask?.candidateGroups;
    if (groups && !groups.startsWith('=')) return groups.split(',')[0]!.trim() || undefined;
  }
  return undefined;
}

const PIECE = /^piece\.([A-Za-z][\w-]*)$/;

/** The `piece.<id>` properties, in the model's order, each with its words in French and English. */
function readPieces(properties: Record<string, string>, problems: ModelProblem[]): Piece[] {
  const pieces: Piece[] = [];
  for (const name of Object.keys(properties)) {
    const id = PIECE.exec(name)?.[1];
    const words = id ? bilingual(properties, name, problems) : undefined;
    if (!id || !words) continue;
    const field = properties[`${name}.field`];
    pieces.push({ id, ...words, ...(field ? { field } : {}) });
  }
  return pieces;
}

/** `<prefix>.months`, `.weeks`, `.days` or `.businessDays`: one of them, a whole number, else the default. */
function readDelay(
  properties: Record<string, string>,
  prefix: 'silence' | 'completeness',
  fallback: LegalDelay,
  problems: ModelProblem[],
): LegalDelay {
  const given = DELAY_UNITS.filter((unit) => properties[`${prefix}.${unit}`] !== undefined);
  if (given.length === 0) return fallback;
  if (given.length > 1)
    problems.push(
      problem(
        `${prefix}.${given[1]}`,
        `cannot go with "${prefix}.${given[0]}": a delay is counted in one unit (months, weeks, days or businessDays)`,
      ),
    );
  const unit = given[0]!;
  const name = `${prefix}.${unit}`;
  const amount = positiveNumber(properties[name]!, name, problems, undefined, true);
  return amount > 0 ? { amount, unit } : fallback;
}

function positiveNumber(
  text: string,
  name: string,
  problems: ModelProblem[],
  elementId: string | undefined,
  whole: boolean,
): number {
  const value = Number(text);
  if (!(value > 0) || (whole && !Number.isInteger(value))) {
    problems.push(problem(name, `must be a ${whole ? 'whole ' : ''}number above zero, not "${text}"`, elementId));
    return 0;
  }
  return value;
}

function problem(property: string, what: string, elementId?: string): ModelProblem {
  return {
    code: 'INVALID_SETTING',
    message: `Property "${property}" ${what}. Fix it in the properties panel.`,
    messageFr: `La propriété « ${property} » est invalide. Corrigez-la dans le panneau des propriétés.`,
    elementId,
  };
}

/**
 * The currency of the amount a script task computes (`currency`: an ISO 4217 code such as `EUR`), so
 * people read « 918 € » rather than 918; undefined without one, or when it is not a currency or not
 * on a script task (a problem names it then).
 */
export function readCurrency(element: ElementIR, problems: ModelProblem[] = []): string | undefined {
  const code = element.properties?.currency;
  if (code === undefined) return undefined;
  if (!element.script?.resultVariable) {
    problems.push(
      problem('currency', `counts only on a script task that computes an amount, not on ${element.id}`, element.id),
    );
    return undefined;
  }
  if (!Intl.supportedValuesOf('currency').includes(code)) {
    problems.push(problem('currency', `must be a currency's ISO 4217 code, e.g. EUR, not "${code}"`, element.id));
    return undefined;
  }
  return code;
}

/** Every problem with the Parvis settings of a compiled procedure: the process's, each task's and each timer's. */
export function settingsProblems(ir: ProcessIR): ModelProblem[] {
  const { problems } = procedureSettings(ir.properties);
  openChannels(ir.properties, problems);
  for (const element of Object.values(compiled(ir).elements)) {
    if (!element.properties) continue;
    readSla(element.properties, problems, element.id);
    readTimerDelay(element, problems);
    readCurrency(element, problems);
  }
  return problems;
}
