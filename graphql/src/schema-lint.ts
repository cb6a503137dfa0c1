import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { ESLint, type Linter } from 'eslint';

/**
 * The schema's lint: graphql-eslint's every schema rule (flat/schema-all), each description
 * required down to arguments and enum values. The rules turned off are conventions this API
 * deliberately does not follow, each with its reason; changing to them would break every client.
 */
export const SCHEMA_LINT_RULES: Linter.RulesRecord = {
  ...graphqlPlugin.configs['flat/schema-all'].rules,
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
      DirectiveDefinition: true,
    },
  ],
  // Fields come in the order a reader meets them (a request's code, then its procedure, then its
  // dates), the order the portal shows them; an alphabet would scatter what belongs together.
  '@graphql-eslint/alphabetize': 'off',
  // Mutations take named arguments (submitRequest(municipality, procedure, data)), not Relay's
  // single `input`: the portal, the designer and the scripts call them so.
  '@graphql-eslint/input-name': 'off',
  // The rule is for read-only schemas; this API has mutations and subscriptions.
  '@graphql-eslint/no-root-type': 'off',
  // An acknowledgement (markConversationRead, signOut, deleteReplyTemplate) answers true: there is
  // no object left to return.
  '@graphql-eslint/no-scalar-result-type-on-mutation': 'off',
  // Relay's convention of answering Query from a mutation, for its store; the portal reads what it
  // needs again instead.
  '@graphql-eslint/require-field-of-type-query-in-mutation-result': 'off',
  // A root field that cannot answer refuses with a coded error (UNAUTHENTICATED, NOT_FOUND), and
  // lists and pages are never null: a nullable type would say nothing more and make every client check.
  '@graphql-eslint/require-nullable-result-in-root': 'off',
  // Things are known by their domain's own keys (a request by its tracking code, a procedure by its
  // key, a group by its key), and value types (a count, a page) have no identity to give.
  '@graphql-eslint/strict-id-in-types': 'off',
};

const root = join(import.meta.dirname, '../..');

const schemaPath = 'graphql/schema.graphql';

/** The problems the lint finds in an SDL read as the schema file; none when it is clean. */
export async function lintSchema(sdl: string): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.graphql'],
        languageOptions: {
          parser: graphqlPlugin.parser,
          parserOptions: { graphQLConfig: { schema: schemaPath } },
        },
        plugins: { '@graphql-eslint': graphqlPlugin as unknown as ESLint.Plugin },
        rules: SCHEMA_LINT_RULES,
      },
    ],
  });
  const results = await eslint.lintText(sdl, { filePath: join(root, schemaPath) });
  return results.flatMap((result) => result.messages);
}

/** The problems the lint finds in the committed schema file (graphql/schema.graphql). */
export const lintSchemaFile = () => lintSchema(readFileSync(join(root, schemaPath), 'utf8'));
