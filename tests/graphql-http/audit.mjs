// Runs every server audit of graphql-http (the GraphQL-over-HTTP spec's audit suite) against
// the GraphQL endpoint given as the only argument, e.g. `node audit.mjs http://127.0.0.1:8080/graphql`.
// Prints each audit that did not pass with its reason; exits with 1 when any error (a failed
// MUST) or warning (a failed SHOULD) remains. Notices (optional MAYs) are printed only.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = await Promise.all(serverAudits({ url }).map((audit) => audit.fn()));
let failed = 0;
for (const result of results) {
  if (result.status === 'ok') continue;
  if (result.status !== 'notice') failed += 1;
  let body = '';
  try {
    body = await result.response.text();
  } catch {
    // the body was read by the audit itself
  }
  console.log(`${result.status} ${result.id} ${result.name}: ${result.reason} (HTTP ${result.response.status}) ${body}`);
}
const passed = results.filter((result) => result.status === 'ok').length;
console.log(`${passed} of ${results.length} GraphQL-over-HTTP audits passed, ${failed} errors or warnings`);
process.exit(failed === 0 ? 0 : 1);
