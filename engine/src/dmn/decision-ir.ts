// Sandbox-safe: DMN 1.3 decisions as a compiled procedure carries them (plain JSON). FEEL stays
// text; the interpreter evaluates it with the variables of the business rule task that calls.

import type { Json } from '../runtime/types.ts';

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface InputIR {
  id: string;
  label?: string;
  /** FEEL expression whose value the rules' unary tests check */
  expression: string;
}

export interface OutputIR {
  id: string;
  /** key of this output in a result with several outputs */
  name: string;
  label?: string;
  /** output values in priority order (PRIORITY, OUTPUT ORDER), already evaluated */
  priorities?: Json[];
}

export interface RuleIR {
  id: string;
  /** FEEL unary tests, one per input ('' or '-' match anything) */
  inputs: string[];
  /** FEEL expressions, one per output ('' gives null) */
  outputs: string[];
}

interface DecisionBase {
  id: string;
  name?: string;
  /** the name its result goes by in decisions that require it: its variable, else its id */
  variable: string;
  /** ids of the decisions it requires, evaluated first */
  requires: string[];
  /** the file it came from, to name it in messages */
  file?: string;
}

export interface DecisionTableIR extends DecisionBase {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: InputIR[];
  outputs: OutputIR[];
  rules: RuleIR[];
}

export interface LiteralDecisionIR extends DecisionBase {
  kind: 'literal';
  expression: string;
}

export type DecisionIR = DecisionTableIR | LiteralDecisionIR;

/** `decision "Dish" (dish)` — how messages name a decision. */
export function decisionLabel(decision: { id: string; name?: string }): string {
  return `decision${decision.name ? ` "${decision.name}"` : ''} (${decision.id})`;
}

/** `rule 2 (rule_b)` — rules are numbered from 1 as the table shows them. */
export function ruleLabel(rule: { id: string }, index: number): string {
  return `rule ${index + 1}${rule.id ? ` (${rule.id})` : ''}`;
}

/** `input "Season"` / `output "dish"` — a column by its label, else its name or id. */
export function columnLabel(kind: 'input' | 'output', column: { id: string; label?: string; name?: string }): string {
  return `${kind} "${column.label || column.name || column.id}"`;
}
