import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { expect, it } from 'vitest';
import config from '../../codegen.ts';
import { printApiSchema, schemaFile } from './schema-file.ts';

const root = resolve(import.meta.dirname, '../..');
const REGENERATE = 'run `npm run codegen` and commit what it writes (docs/api.md, "Generated types")';

// The committed schema is what clients diff between releases: it must be the one the code builds.
it('has graphql/schema.graphql printed from the code', () => {
  expect(readFileSync(schemaFile, 'utf8'), `graphql/schema.graphql is stale: ${REGENERATE}`).toBe(printApiSchema());
});

// Resolvers and the portal's operations are typed from the schema: the generated files must be current.
it('has the generated resolver and operation types of the current schema and operations', async () => {
  const outputs = await generate({ ...config, cwd: root, silent: true }, false);
  expect(outputs.length).toBe(Object.keys(config.generates).length);
  for (const { filename, content } of outputs) {
    const committed = readFileSync(resolve(root, filename), 'utf8');
    expect(committed, `${filename} is stale: ${REGENERATE}`).toBe(content);
  }
}, 60_000);
