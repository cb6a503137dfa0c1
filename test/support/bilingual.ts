/** The English half of a bilingual message: what follows its `---` line, so a test finds it after the French. */
export function englishPart(text: string): string {
  const [, english] = text.split('\n\n---\n\n');
  return english ?? '';
}
