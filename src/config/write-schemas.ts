import { writeFileSync } from 'node:fs';
import { generateJsonSchemas, JSON_SCHEMA_FILES } from './json-schema.js';
import { packagePath } from './paths.js';

/** `npm run schemas`: regenerates the committed JSON Schemas (a test fails when they are stale). */
const schemas = generateJsonSchemas();
for (const key of ['config', 'policy'] as const) {
  writeFileSync(packagePath(JSON_SCHEMA_FILES[key]), `${JSON.stringify(schemas[key], null, 2)}\n`);
}
