/**
 * The request's data with each list of stored file ids replaced by the files' names, at any depth,
 * for what people read (the acknowledgement's summary of what was submitted).
 */
export function withFileNames(data: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const named = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const ids = value.length > 0 && value.every((item) => typeof item === 'string' && item in names);
      return ids ? value.map((id) => names[id as string]) : value.map(named);
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, named(inner)]));
    }
    return value;
  };
  return named(data) as Record<string, unknown>;
}
