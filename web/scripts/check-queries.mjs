// Validates every GraphQL document the explorer sends (src/queries.js) against the
// checked-in schema (../schema.graphql), so a schema change that breaks the page fails
// here rather than in a user's browser. Exit status 1 on any error.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';

const root = new URL('../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('schema.graphql', root), 'utf8'));
const documents = await import(new URL('web/src/queries.js', root).href);

let failed = 0;
for (const [name, text] of Object.entries(documents)) {
  const errors = validate(schema, parse(text));
  for (const error of errors) console.error(`${name}: ${error.message}`);
  failed += errors.length;
}
console.log(`${Object.keys(documents).length} documents checked, ${failed} errors`);
process.exit(failed ? 1 : 0);
