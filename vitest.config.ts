import { defineConfig } from 'vitest/config'

// Tests read sibling packages from source through the "@gradstream/source"
// export condition, so no build is needed to run them.
const conditions = ['@gradstream/source', 'import', 'module', 'node', 'default']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@gradstream/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    // Two workers even on two cores: the default leaves one core idle, and half the suite's time is module
    // loading and the pack test's child processes, which overlap well.
    maxWorkers: 2,
    reporters: ['default', './scripts/summaryReporter.ts'],
    setupFiles: ['./test/setup/tensorEquality.ts'],
  },
})
