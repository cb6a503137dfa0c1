// Sandbox-safe: FEEL (feelin) as Zeebe uses it. Expressions carry a leading `=`; a value without
// it is a static string. Results are turned into JSON so they can live in variables and state.

import { date, dateAndTime, evaluate, parseExpression, parseUnaryTests, unaryTest } from 'feelin';
import type { Json } from '../runtime/types.ts';
import { CAMUNDA_FUNCTIONS } from './camunda-functions.ts';

export type FeelResult = { ok: true; value: Json } | { ok: false; message: string };

/** True when a zeebe attribute holds a FEEL expression rather than a static value. */
export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

/** The FEEL text of a zeebe expression, without its leading `=`. */
function feelText(text: string): string {
  const trimmed = text.trimStart();
  return trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'not',
  'and',
  'or',
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
  'some',
  'every',
  'satisfies',
  'between',
  'instance',
  'of',
  'function',
]);

/** feelin answers these with null and a warning; Zeebe stops with an incident, and so do we. */
const FAILURES = new Set(['NO_FUNCTION_FOUND', 'INVALID_ARGUMENTS', 'FUNCTION_INVOCATION_FAILURE']);

// Models repeat the same expressions; parsing is the costly part of compiling, so remember answers.
const syntaxChecked = new Map<string, string | undefined>();
const SYNTAX_CACHE_LIMIT = 2000;

/** Where the FEEL text fails to parse, or undefined when it parses. */
export function feelSyntaxError(text: string): string | undefined {
  const source = feelText(text);
  if (syntaxChecked.has(source)) return syntaxChecked.get(source);
  if (syntaxChecked.size >= SYNTAX_CACHE_LIMIT) syntaxChecked.clear();
  const error = parseError(source);
  syntaxChecked.set(source, error);
  return error;
}

function parseError(source: string, parse = parseExpression): string | undefined {
  if (source.trim() === '') return 'the expression is empty';
  let error: string | undefined;
  parse(source, CAMUNDA_FUNCTIONS, undefined).iterate({
    enter(node) {
      if (error === undefined && node.type.isError) {
        error = `syntax error at character ${node.from + 1} of "${source}"`;
      }
    },
  });
  return error;
}

/** Where FEEL unary tests (a DMN input entry: `>= 18`, `"a","b"`, `-`) fail to parse, or undefined. */
export function unaryTestsSyntaxError(text: string): string | undefined {
  const source = text.trim();
  if (source === '' || source === '-') return undefined;
  return parseError(source, parseUnaryTests) ?? nestedComparisonError(source);
}

/**
 * feelin parses `>> 50` or `<= = 50` (a comparison whose bound is another test) but can never
 * evaluate them, whatever the input: refused here rather than as an incident on every request.
 */
function nestedComparisonError(source: string): string | undefined {
  try {
    unaryTest(source, { ...CAMUNDA_FUNCTIONS, '?': null });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('unsupported range')) {
      return 'a comparison or range is bounded by another test, which FEEL cannot evaluate (write one operator, as in <= 50)';
    }
  }
  return undefined;
}

function clockOf(now: string | undefined) {
  return now ? { now: () => dateAndTime(now), today: () => date(now.slice(0, 10)) } : {};
}

/**
 * Whether `input` passes FEEL unary tests (a DMN input entry), never throwing: an empty entry or
 * `-` passes anything; the tests may name variables of `context` and the input as `?`.
 */
export function evaluateUnaryTests(text: string, input: Json, context: Record<string, Json>, now?: string): FeelResult {
  const source = text.trim();
  if (source === '' || source === '-') return { ok: true, value: true };
  try {
    const result = unaryTest(source, { ...CAMUNDA_FUNCTIONS, ...context, ...clockOf(now), '?': input });
    const failure = result.warnings.find((warning) => FAILURES.has(warning.type));
    if (failure) return { ok: false, message: failure.message };
    return { ok: true, value: result.value === true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Evaluates a FEEL expression (leading `=` optional) against variables; never throws.
 * `now()` and `today()` answer from `now` (the time of the current event), never from a clock.
 */
export function evaluateFeel(text: string, context: Record<string, Json>, now?: string): FeelResult {
  const source = feelText(text).trim();
  // A lone variable name is the most common condition (`=approved`): answer it without parsing.
  if (SIMPLE_NAME.test(source) && !KEYWORDS.has(source) && source !== 'now' && source !== 'today') {
    return { ok: true, value: context[source] ?? null };
  }
  try {
    const scope = { ...CAMUNDA_FUNCTIONS, ...context, ...clockOf(now) };
    const result = evaluate(source, scope);
    const failure = result.warnings.find((warning) => FAILURES.has(warning.type));
    if (failure) return { ok: false, message: failure.message };
    return { ok: true, value: toJson(result.value) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A zeebe attribute's value: the FEEL result for `=expr`, the text itself otherwise. */
export function resolveValue(text: string, context: Record<string, Json>, now?: string): FeelResult {
  return isExpression(text) ? evaluateFeel(text, context, now) : { ok: true, value: text };
}

function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'function') return null;
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    // FEEL dates, times, durations and ranges print as ISO 8601 text.
    if (proto !== Object.prototype && proto !== null) return String(value);
    const out: Record<string, Json> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = toJson(entry);
    return out;
  }
  return String(value);
}
