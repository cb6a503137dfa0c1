// Sandbox-safe: FEEL in forms, evaluated the way the form-js viewer does it.
import { evaluate, unaryTest } from 'feelin';

/** Where a field sits: the whole form data, the current repetition (`this`), its parent, 1-based indexes. */
export interface FieldScope {
  data: Record<string, unknown>;
  this: unknown;
  parent: Record<string, unknown> | null;
  i: number[];
}

export function rootScope(data: Record<string, unknown>): FieldScope {
  return { data, this: data, parent: null, i: [] };
}

export function rowScope(scope: FieldScope, row: unknown, index: number): FieldScope {
  return {
    data: scope.data,
    this: row,
    parent: feelContext({ ...scope, data: asRecord(scope.this) }),
    i: [...scope.i, index + 1],
  };
}

/** form-js exposes the data at top level, plus `this`, `parent`, `i` and their `_this_`… aliases. */
function feelContext(scope: FieldScope): Record<string, unknown> {
  const special = { this: scope.this, parent: scope.parent, i: scope.i };
  return { ...special, ...scope.data, _this_: scope.this, _parent_: scope.parent, _i_: scope.i };
}

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/** Value of a `=…` expression; null when it does not evaluate (as in form-js). */
export function evaluateExpression(expression: string, scope: FieldScope): unknown {
  try {
    return evaluate(expression.slice(1), feelContext(scope)).value ?? null;
  } catch {
    return null;
  }
}

/** Hide conditions are unary tests in form-js: a bare `=missing` is true there, not null. */
export function isHidden(condition: string | undefined, scope: FieldScope): boolean {
  if (!isExpression(condition)) return false;
  try {
    return unaryTest(condition.slice(1), feelContext(scope)).value === true;
  } catch {
    return false;
  }
}

/** A rule value that may be a literal or an expression. */
export function resolveRule(value: unknown, scope: FieldScope): unknown {
  return isExpression(value) ? evaluateExpression(value, scope) : value;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
