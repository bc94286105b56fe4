import { defineConfig } from 'vitest/config';

// Huge inputs, big histories and peak memory, one at a time so each has the machine to itself.
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
