// Sandbox-safe: variable scopes as Zeebe has them. Each instance may hold local variables;
// a value set without a local target goes to the nearest scope that has it, else to the process.

import { type EngineState, ROOT } from './state.ts';
import type { Json, Variables } from './types.ts';

function localsOf(state: EngineState, instanceId: string): Variables | undefined {
  return instanceId === ROOT ? state.variables : state.instances[instanceId]?.vars;
}

/** Instance ids from `instanceId` up to the process. */
export function chain(state: EngineState, instanceId: string): string[] {
  const ids: string[] = [];
  let current: string | undefined = instanceId;
  while (current !== undefined) {
    ids.push(current);
    current = current === ROOT ? undefined : (state.instances[current]?.up ?? ROOT);
  }
  return ids;
}

/** Every variable visible from an instance, inner scopes shadowing outer ones. */
export function visibleVariables(state: EngineState, instanceId: string): Variables {
  const ids = chain(state, instanceId);
  if (ids.length === 1) return { ...state.variables };
  const context: Variables = {};
  for (let i = ids.length - 1; i >= 0; i--) Object.assign(context, localsOf(state, ids[i]!));
  return context;
}

/** Sets a variable on the instance itself. */
export function setLocal(state: EngineState, instanceId: string, name: string, value: Json): void {
  if (instanceId === ROOT) {
    state.variables[name] = value;
    return;
  }
  const instance = state.instances[instanceId];
  if (!instance) return;
  instance.vars ??= {};
  instance.vars[name] = value;
}

/** Sets a variable where it already lives, looking up from `instanceId`; else on the process. */
export function propagate(state: EngineState, instanceId: string, name: string, value: Json): void {
  for (const id of chain(state, instanceId)) {
    const locals = localsOf(state, id);
    if (locals && name in locals) {
      locals[name] = value;
      return;
    }
  }
  state.variables[name] = value;
}

/** Writes a value at a dotted target (`a.b.c`) of a variables object, creating contexts on the way. */
export function assignPath(target: Variables, path: string, value: Json): void {
  const parts = path.split('.');
  let node: Variables = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Variables;
  }
  node[parts[parts.length - 1]!] = value;
}
