import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Stress cases (huge inputs, big histories, peak memory) run apart: npm run test:stress.
    exclude: ['test/stress/**', '**/node_modules/**'],
    // End-to-end tests start real CLI processes and git; two cores are shared between them. The
    // timeout only catches a hang: no test asserts on time. The longest tests take 15-35 s on a
    // quiet machine and ten times that at a load of 10, which a busy CI machine can reach.
    testTimeout: 400_000,
    hookTimeout: 400_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
