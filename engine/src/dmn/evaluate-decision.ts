// Sandbox-safe: evaluates a compiled DMN decision — decision tables with every DMN 1.3 hit policy,
// literal expressions, and the decisions they require first — against a task's variables. Pure and
// synchronous: a business rule task completes in the same step. Never throws.

import { evaluateFeel, evaluateUnaryTests } from '../expressions/feel.ts';
import { deepEqual } from '../forms/json.ts';
import type { Json } from '../runtime/types.ts';
import {
  columnLabel,
  type DecisionIR,
  type DecisionTableIR,
  decisionLabel,
  type OutputIR,
  type RuleIR,
  ruleLabel,
} from './decision-ir.ts';

export type DecisionResult = { ok: true; value: Json } | { ok: false; message: string };

/**
 * The result of decision `decisionId` for these variables: a single value (one output), a context
 * (several outputs), a list (multi-hit policies) or an aggregate; null when no rule matches a
 * single-hit table. Required decisions are evaluated first and their results are visible by their
 * variable name (else their id).
 */
export function evaluateDecision(
  decisions: Record<string, DecisionIR>,
  decisionId: string,
  variables: Record<string, Json>,
  now?: string,
): DecisionResult {
  return evaluate(decisions, decisionId, { ...variables }, now, []);
}

function evaluate(
  decisions: Record<string, DecisionIR>,
  decisionId: string,
  context: Record<string, Json>,
  now: string | undefined,
  path: string[],
): DecisionResult {
  const decision = decisions[decisionId];
  if (!decision) return { ok: false, message: `no decision "${decisionId}" was deployed with the procedure` };
  if (path.includes(decisionId)) {
    return { ok: false, message: `decisions require each other in a cycle: ${[...path, decisionId].join(' → ')}` };
  }
  const scope = { ...context };
  for (const required of decision.requires) {
    const result = evaluate(decisions, required, context, now, [...path, decisionId]);
    if (!result.ok) return result;
    scope[decisions[required]!.variable] = result.value;
  }
  if (decision.kind === 'literal') {
    const result = evaluateFeel(decision.expression, scope, now);
    return result.ok
      ? result
      : { ok: false, message: `${decisionLabel(decision)}: its expression failed: ${result.message}` };
  }
  return evaluateTable(decision, scope, now);
}

function evaluateTable(table: DecisionTableIR, context: Record<string, Json>, now: string | undefined): DecisionResult {
  const fail = (message: string): DecisionResult => ({ ok: false, message: `${decisionLabel(table)}: ${message}` });
  const values: Json[] = [];
  for (const input of table.inputs) {
    const value = evaluateFeel(input.expression, context, now);
    if (!value.ok) return fail(`the ${columnLabel('input', input)} (${input.expression}) failed: ${value.message}`);
    values.push(value.value);
  }
  const matched: { rule: RuleIR; index: number }[] = [];
  for (const [index, rule] of table.rules.entries()) {
    let matches = true;
    for (let column = 0; matches && column < table.inputs.length; column++) {
      const test = evaluateUnaryTests(rule.inputs[column] ?? '', values[column]!, context, now);
      if (!test.ok) {
        return fail(
          `${ruleLabel(rule, index)}, ${columnLabel('input', table.inputs[column]!)}: "${rule.inputs[column]}" failed: ${test.message}`,
        );
      }
      matches = test.value === true;
    }
    if (matches) {
      matched.push({ rule, index });
      if (table.hitPolicy === 'FIRST') break;
    }
  }
  const outputs: Json[][] = [];
  for (const { rule, index } of matched) {
    const row: Json[] = [];
    for (const [column, output] of table.outputs.entries()) {
      const text = rule.outputs[column] ?? '';
      if (text.trim() === '') {
        row.push(null);
        continue;
      }
      const value = evaluateFeel(text, context, now);
      if (!value.ok) {
        return fail(`${ruleLabel(rule, index)}, ${columnLabel('output', output)}: "${text}" failed: ${value.message}`);
      }
      row.push(value.value);
    }
    outputs.push(row);
  }
  return applyHitPolicy(table, matched, outputs, fail);
}

function applyHitPolicy(
  table: DecisionTableIR,
  matched: { rule: RuleIR; index: number }[],
  outputs: Json[][],
  fail: (message: string) => DecisionResult,
): DecisionResult {
  const shape = (row: Json[]): Json => {
    if (table.outputs.length === 1) return row[0] ?? null;
    const result: Record<string, Json> = {};
    table.outputs.forEach((output, column) => {
      result[output.name] = row[column] ?? null;
    });
    return result;
  };
  const rules = () => matched.map(({ rule, index }) => ruleLabel(rule, index)).join(', ');
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        return fail(`the hit policy UNIQUE allows one matching rule, but ${rules()} match. Make the rules exclusive.`);
      }
      return { ok: true, value: outputs[0] ? shape(outputs[0]) : null };
    case 'FIRST':
      return { ok: true, value: outputs[0] ? shape(outputs[0]) : null };
    case 'ANY': {
      const first = outputs[0];
      if (first && outputs.some((row) => !sameJson(row, first))) {
        return fail(`the hit policy ANY needs matching rules to give the same output, but ${rules()} differ.`);
      }
      return { ok: true, value: first ? shape(first) : null };
    }
    case 'PRIORITY': {
      const ordered = byPriority(table.outputs, outputs);
      return { ok: true, value: ordered[0] ? shape(ordered[0]) : null };
    }
    case 'OUTPUT ORDER':
      return { ok: true, value: byPriority(table.outputs, outputs).map(shape) };
    case 'RULE ORDER':
      return { ok: true, value: outputs.map(shape) };
    case 'COLLECT':
      return table.aggregation ? aggregate(table, outputs, fail) : { ok: true, value: outputs.map(shape) };
  }
}

/** Rows sorted by their outputs' places in the output values (first output first); ties keep rule order. */
function byPriority(columns: OutputIR[], rows: Json[][]): Json[][] {
  const rank = (row: Json[]) =>
    columns.map((column, index) => {
      const at = (column.priorities ?? []).findIndex((value) => sameJson(value, row[index] ?? null));
      return at < 0 ? Number.MAX_SAFE_INTEGER : at;
    });
  const ranked = rows.map((row, order) => ({ row, order, rank: rank(row) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return a.order - b.order;
  });
  return ranked.map((entry) => entry.row);
}

function aggregate(table: DecisionTableIR, rows: Json[][], fail: (message: string) => DecisionResult): DecisionResult {
  if (table.aggregation === 'COUNT') return { ok: true, value: rows.length };
  const values = rows.map((row) => row[0] ?? null).filter((value) => value !== null);
  if (values.length === 0) return { ok: true, value: null };
  const numbers = values.every((value) => typeof value === 'number');
  const texts = values.every((value) => typeof value === 'string');
  if (table.aggregation === 'SUM') {
    if (!numbers) return fail(`COLLECT SUM adds numbers, but the outputs are ${JSON.stringify(values)}.`);
    return { ok: true, value: (values as number[]).reduce((sum, value) => sum + value, 0) };
  }
  if (!numbers && !texts) {
    return fail(
      `COLLECT ${table.aggregation} compares numbers or texts, but the outputs are ${JSON.stringify(values)}.`,
    );
  }
  const sorted = [...(values as (number | string)[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ok: true, value: table.aggregation === 'MIN' ? sorted[0]! : sorted[sorted.length - 1]! };
}

function sameJson(a: Json, b: Json): boolean {
  return deepEqual(a, b);
}
