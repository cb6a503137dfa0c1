import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFile } from './schema-file.ts';
import { lintSchema, lintSchemaFile } from './schema-lint.ts';

describe('the schema lint (graphql-eslint)', () => {
  // The committed schema is the one the code builds (codegen.test.ts): linting it lints the API.
  it('passes on the API: a description everywhere, SCREAMING_CASE enum values, every other rule kept', async () => {
    const problems = (await lintSchemaFile()).map((m) => `graphql/schema.graphql:${m.line} ${m.ruleId}: ${m.message}`);
    expect(problems, 'run `npm run lint:schema`, fix the SDL in graphql/src, then `npm run codegen`').toEqual([]);
  }, 60_000);

  it('finds an enum value in lower case and without a description', async () => {
    const sdl = readFileSync(schemaFile, 'utf8').replace('"""English (anglais)"""\n  EN\n', '  en\n');
    const problems = (await lintSchema(sdl)).map((m) => [m.ruleId, m.message]);
    expect(problems).toEqual([
      ['@graphql-eslint/naming-convention', 'Enum value "en" should be in UPPER_CASE format'],
      ['@graphql-eslint/require-description', 'Description is required for enum value "en" in enum "Lang"'],
    ]);
  }, 60_000);
});
