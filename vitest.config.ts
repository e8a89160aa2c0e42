import { defineConfig } from 'vitest/config'
import { BaseSequencer } from 'vitest/node'
import type { TestSpecification } from 'vitest/node'

// Tests read sibling packages from source through the "@gradstream/source"
// export condition, so no build is needed to run them.
const conditions = ['@gradstream/source', 'import', 'module', 'node', 'default']

// Small files that run for tens of seconds (examples trained to the end). Vitest starts the files that took longest
// in the previous run first, but without one (CI) it starts the largest files first, which leaves these for the
// end: one worker busy with them while the other idles. They start first either way.
const LONG_RUNNING = ['test/mnist.test.ts', 'test/seed-transcript.test.ts', 'test/readmeSamples.test.ts']

class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const isLong = (file: TestSpecification) => LONG_RUNNING.some((name) => file.moduleId.endsWith(`/${name}`))
    return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))]
  }
}

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
    sequence: { sequencer: LongRunningFirst },
  },
})
