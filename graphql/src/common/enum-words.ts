import { Kind, parse } from 'graphql';

/**
 * Enums whose values the schema spells in SCREAMING_CASE (WEB, NEWEST_FIRST, ROUND_ROBIN), as
 * GraphQL's convention is, while the engine, the workers and the database keep the words they had
 * (web, newestFirst, roundRobin): a request's channel column, a task's decision, a template's kind.
 * The schema maps one to the other at its edge (graphql-tools' enum resolvers for the server,
 * codegen's enumValues for the resolvers' types), so rows and workflows keep their strings and no
 * migration rewrites them. The inner word is the value's camelCase. Enums added since these were
 * renamed are SCREAMING_CASE inside too, and are not listed.
 */
export const ENUMS_WITH_INNER_WORDS = [
  'Lang',
  'Audience',
  'Channel',
  'SortOrder',
  'RequestSort',
  'ContactDirection',
  'ContactKind',
  'AgentChannel',
  'ReplyMeans',
  'TextSize',
  'Contrast',
  'LineSpacing',
  'AssignmentMode',
  'Decision',
  'TrendInterval',
  'WorkScope',
  'TemplateKind',
] as const;

/** newestFirst → NEWEST_FIRST, open311 → OPEN311: an inner word as the schema spells it. */
export const schemaWord = (word: string): string => word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** NEWEST_FIRST → newestFirst: a schema value's inner word. */
export const innerWord = (value: string): string =>
  value.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Each listed enum of a schema's SDL: its values and their inner words ({ Channel: { WEB: 'web' } }). */
export function innerEnumWords(sdl: string): Record<string, Record<string, string>> {
  const listed = new Set<string>(ENUMS_WITH_INNER_WORDS);
  const words: Record<string, Record<string, string>> = {};
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || !listed.has(definition.name.value)) continue;
    words[definition.name.value] = Object.fromEntries(
      (definition.values ?? []).map((value) => [value.name.value, innerWord(value.name.value)]),
    );
  }
  return words;
}

/** An enum's values in SDL from its inner words, each with its description, one per line. */
export const enumValues = <Word extends string>(words: readonly Word[], descriptions: Record<Word, string>): string =>
  words.map((word) => `"${descriptions[word]}"\n    ${schemaWord(word)}`).join('\n    ');
