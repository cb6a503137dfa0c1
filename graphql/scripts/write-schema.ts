// npm run codegen, first step: prints the schema the code builds to graphql/schema.graphql.
import { writeFileSync } from 'node:fs';
import { printApiSchema, schemaFile } from '../src/schema-file.ts';

writeFileSync(schemaFile, printApiSchema());
