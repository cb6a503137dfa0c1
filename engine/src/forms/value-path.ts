// Sandbox-safe: where a field's value lives in the form data: `['address', 'city']`, `['children', 1, 'name']`.

export type ValuePath = readonly (string | number)[];

/** `children[1].name`, the way errors name a field. */
export function formatPath(path: ValuePath): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

export function getAt(data: unknown, path: ValuePath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Sets a value, creating the objects and arrays on the way (an array where the next segment is an index). */
export function setAt(data: Record<string, unknown>, path: ValuePath, value: unknown): void {
  let current: Record<string | number, unknown> = data;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      current[segment] = value;
      return;
    }
    const next = current[segment];
    if (typeof next !== 'object' || next === null) {
      current[segment] = typeof path[index + 1] === 'number' ? [] : {};
    }
    current = current[segment] as Record<string | number, unknown>;
  });
}

export function deleteAt(data: unknown, path: ValuePath): void {
  const parent = getAt(data, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof parent === 'object' && parent !== null && last !== undefined) {
    delete (parent as Record<string | number, unknown>)[last];
  }
}

export function splitKey(key: string): string[] {
  return key.split('.');
}
