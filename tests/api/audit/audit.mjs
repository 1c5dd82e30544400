// Runs graphql-http's GraphQL-over-HTTP server audit against the URL given as the first
// argument and prints one JSON array of {id, name, status, reason}. The pytest test
// (tests/api/test_audit.py) decides what passes; this script only reports.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
const rows = [];
for (const r of results) {
  rows.push({
    id: r.id,
    name: r.name,
    status: r.status,
    reason: r.status === 'ok' ? null : r.reason,
    httpStatus: r.status === 'ok' ? null : r.response.status,
  });
}
console.log(JSON.stringify(rows, null, 1));
