// A sweep: the regularization section's network trained under 12 configs
// (4 L2 strengths x 3 Adam learning rates) side by side on worker threads, one
// per core, each run logged to its own directory under examples/out/sweep/,
// then ranked by its validation loss. Each run is exactly the run its config
// makes alone. `gradstream dashboard examples/out/sweep` shows all the runs.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/10-sweep.ts [--steps 200]
import { rm } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { grid, rankingTable, rankRuns, sweep, threads } from '@gradstream/sweep'
import { filter, lastValueFrom, tap, toArray } from 'rxjs'

const stepsFlag = process.argv.indexOf('--steps')
const steps = stepsFlag === -1 ? 200 : Number(process.argv[stepsFlag + 1])
const logdir = fileURLToPath(new URL('out/sweep/', import.meta.url))
const run = fileURLToPath(new URL('seed/regularizationSweepRun.ts', import.meta.url))

// A fresh directory: a run finding its checkpoint from an earlier sweep would resume from it.
await rm(logdir, { recursive: true, force: true })
const configs = grid({ l2: [0.0003, 0.001, 0.003, 0.01], lr: [0.003, 0.01, 0.03], steps: [steps] })
const engine = threads()
const started = Date.now()
const events = await lastValueFrom(
  sweep({ configs, run, logdir, engine }).pipe(
    tap((event) => {
      if (event.type === 'failed') console.log(`${event.runId} failed: ${event.error.message}`)
    }),
    // The ranking needs the evaluations and the ends, not every step.
    filter((event) => event.type !== 'step'),
    toArray(),
  ),
)
await engine.close()
const seconds = (Date.now() - started) / 1000

console.log(
  `\n${configs.length} runs on ${engine.concurrency} threads in ${seconds.toFixed(1)} s, ranked by validation loss:`,
)
console.log(rankingTable(rankRuns(events, { metric: 'eval/loss' }), 'eval/loss'))
console.log(`\nlogs in ${relative(process.cwd(), logdir)}/<run>/log.jsonl`)
