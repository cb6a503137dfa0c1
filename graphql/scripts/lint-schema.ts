// npm run lint:schema: the schema lint's problems, one per line (graphql/src/schema-lint.ts).
import { lintSchemaFile } from '../src/schema-lint.ts';

const problems = await lintSchemaFile();
for (const m of problems) console.log(`graphql/schema.graphql:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
console.log(problems.length === 0 ? 'schema lint: no problem' : `schema lint: ${problems.length} problems`);
process.exitCode = problems.length === 0 ? 0 : 1;
