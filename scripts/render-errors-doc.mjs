// Renders docs/errors.md from the built ERROR_CODES table.
export async function renderErrorsDoc() {
  const { ERROR_CODES } = await import('../dist/src/core/errors.js')
  const rows = Object.entries(ERROR_CODES)
    .map(([code, { status, message }]) => `| \`${code}\` | ${status} | ${message.replace(/\|/g, '\\|')} |`)
    .join('\n')
  return `# Error codes

Every failure microcred reports carries one of these stable codes, whether it is thrown as a
\`MicrocredError\` (programmer errors, bad input to issuing, infrastructure faults) or
returned as data in a verification check. Match on the code, never on the message. The HTTP
service answers with the status in this table; 5xx bodies say only \`internal error\` and a
request id. The CLI exits 1 when a credential is not verified, 2 for bad usage or input, 3
for internal and key-file failures.

This file is generated from \`src/core/errors.ts\` by \`node scripts/errors-doc.mjs\`.

| code | HTTP status | meaning |
|---|---:|---|
${rows}
`
}
