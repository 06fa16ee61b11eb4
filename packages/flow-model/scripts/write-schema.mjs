// Writes flow.schema.json from the built schema object (run after tsc), so the file always matches the types.
import { writeFileSync } from 'node:fs';
import { flowDocumentSchema } from '../dist/document-schema.js';

const target = new URL('../flow.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(flowDocumentSchema, null, 2)}\n`);
