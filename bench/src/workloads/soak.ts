import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { adam } from '@gradstream/optimizers'
import { serveDashboard } from '@gradstream/plot/dashboard'
import type { Snapshot } from '@gradstream/train'
import { checkpointToFile, fit, history, parseCheckpoint, runTraining } from '@gradstream/train'
import { ignoreElements, Subject, tap } from 'rxjs'
import type { Report } from '../report'
import { linearProblem } from '../seedProblems'
import { heapGrowthLines, heapUsed, SAMPLE_STEPS, thousands, TOTAL_STEPS } from './memory'

const CHECKPOINT_EVERY = 100
const HISTORY_LENGTH = 100

/**
 * A long run with everything a user attaches to one: the custom-loss linear model for 200,000 steps on
 * shuffled batches, yielding to the event loop every 50 ms so that writes and the server get their turn,
 * with `history`, a file checkpoint every 100 steps and the live dashboard, all on one run through
 * `runTraining`. The heap is read after a full collection at SAMPLE_STEPS.
 */
async function soak(directory: string): Promise<{ heap: Map<number, number>; lastStep: number; stored: number }> {
  const problem = linearProblem('asymmetric')
  const run$ = fit({
    params: problem.params,
    loss: problem.loss,
    optimizer: adam,
    learningRate: 0.001,
    data: problem.data,
    steps: TOTAL_STEPS,
    batching: { batchSize: problem.batchSize, order: 'shuffle', seed: 1, yieldEveryMs: 50 },
  })
  const toDashboard = new Subject<Snapshot>()
  const dashboard = await serveDashboard(toDashboard, { host: '127.0.0.1', port: 0 })
  const heap = new Map<number, number>()
  const path = join(directory, 'soak.ckpt.json')
  try {
    const ended = await runTraining(run$, [
      (step$) => step$.pipe(history({ last: HISTORY_LENGTH }), ignoreElements()),
      (step$) => step$.pipe(checkpointToFile(path, { everySteps: CHECKPOINT_EVERY }), ignoreElements()),
      (step$) => step$.pipe(tap(toDashboard), ignoreElements()),
      (step$) =>
        step$.pipe(
          tap(({ step }) => {
            if (SAMPLE_STEPS.includes(step)) heap.set(step, heapUsed())
          }),
          ignoreElements(),
        ),
    ])
    await dashboard.done
    const stored = parseCheckpoint(readFileSync(path, 'utf8')).step
    return { heap, lastStep: ended.last?.step ?? 0, stored }
  } finally {
    await dashboard.close()
  }
}

/** The soak case: the heap of a long run with history, file checkpoints, the dashboard and shuffled data. */
export const soakReport: Report = {
  title:
    `soak: heap over ${thousands(TOTAL_STEPS)} steps with history, a file checkpoint every ` +
    `${CHECKPOINT_EVERY} steps, the dashboard and shuffled batches`,
  run: async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gradstream-soak-'))
    const started = performance.now()
    const { heap, lastStep, stored } = await soak(directory).finally(() =>
      rmSync(directory, { recursive: true, force: true }),
    )
    const seconds = (performance.now() - started) / 1000
    return [
      ...heapGrowthLines(heap, 'under 1 MB'),
      `ran ${thousands(lastStep)} steps in ${seconds.toFixed(1)} s; the checkpoint file holds step ${thousands(stored)}`,
    ].join('\n')
  },
}
