import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // PostgreSQL for the run: DATABASE_URL, or a real server from npm started for it.
    globalSetup: ['tests/setup/postgres.ts'],
    setupFiles: ['tests/setup/no-network.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
