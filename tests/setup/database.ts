// The PostgreSQL server the tests use, chosen once by tests/setup/postgres.ts (global setup):
// DATABASE_URL when the run was given one, else an embedded server started for the run.
const url = process.env['TEST_DATABASE_URL']
if (url === undefined || url === '') throw new Error('TEST_DATABASE_URL is not set: run the tests through vitest (tests/setup/postgres.ts sets it)')

export const TEST_DATABASE_URL: string = url
