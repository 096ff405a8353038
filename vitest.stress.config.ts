import { defineConfig } from 'vitest/config';

// Hostile input and hard faults (issue 7): fuzzed channels, SIGKILL mid-write, a full or
// read-only disk, tampered files. Bounded in time, run by `npm test` after the unit tests.
export default defineConfig({
  test: {
    include: ['tests/stress/**/*.test.ts'],
    environment: 'node',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
