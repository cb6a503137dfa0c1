/**
 * What a citizen's mail would show if a value reached it as the workflow holds it rather than in
 * words: an ISO date (`2026-09-01`), or one of the option keys given (`adoptee`, `non-fonde`), found
 * as a whole word. Empty when the mail speaks in words.
 */
export function rawValues(text: string, optionKeys: readonly string[] = []): string[] {
  const dates = text.match(/(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g) ?? [];
  const keys = optionKeys.filter((key) => new RegExp(`(?<![\\p{L}\\d-])${key}(?![\\p{L}\\d-])`, 'u').test(text));
  return [...dates, ...keys];
}
