// A live dashboard of the seed's regularization section: the [2, 10, 5, 3, 1]
// ELU network trained on the 150-point circle data without and with an L2
// penalty, side by side in the browser: the loss terms, the learning rate,
// the output layer's weights and the decision boundary as it forms.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/06-dashboard.ts [--port 8080] [--steps 40000] [--once]
//
// It prints the page's address, and serves until interrupted (Ctrl-C). With
// --once (as the demo runs it) it trains 4000 steps unless told otherwise, on
// any free port, and exits when training ends.
import { parseArgs } from 'node:util'
import { logSteps, pyFormat, serveDashboard, terminalChart } from '@gradstream/plot'
import { everySteps, runTraining } from '@gradstream/train'
import { Subject, pipe, tap } from 'rxjs'
import type { ObservedValueOf } from 'rxjs'
import { runs, trainRun } from './seed/regularizationModel'
import type { LossTerms } from './seed/regularizationModel'
import { regularizationDashboard } from './seed/regularizationDashboard'

const { values: args } = parseArgs({
  options: { port: { type: 'string' }, steps: { type: 'string' }, once: { type: 'boolean', default: false } },
})
const once = args.once
const steps = Number(args.steps ?? (once ? 4000 : 40000))
const port = Number(args.port ?? (once ? 0 : 8080))

type RunSnapshot = ObservedValueOf<ReturnType<typeof trainRun>>

// What the dashboard watches of each run: a subject a branch of the run feeds, so the
// dashboard can listen before training starts.
const noL2$ = new Subject<RunSnapshot>()
const withL2$ = new Subject<RunSnapshot>()
const dashboard = await serveDashboard({ 'no L2': noL2$, L2: withL2$ }, { ...regularizationDashboard(), port })
console.log(`dashboard: ${dashboard.url}`)

/** One run, three branches: the logger, the chart and the dashboard watch the same training. */
function run(name: string, terms: LossTerms, dashboard$: Subject<RunSnapshot>) {
  // yieldEveryMs: training gives the event loop a turn every 20 ms, so the server answers while it runs
  return runTraining(trainRun(terms, steps, { yieldEveryMs: 20 }), [
    pipe(
      everySteps(Math.max(1, steps / 10), { first: 1 }),
      logSteps((s) => pyFormat('[%s] After %d steps, loss: %f', name, s.step - 1, s.loss)),
    ),
    terminalChart({ pick: (s) => s.losses, logY: true, title: `${name}: loss terms`, height: 8 }),
    tap(dashboard$),
  ])
}

await Promise.all([run('no L2', runs['no L2'], noL2$), run('L2', runs['with L2'], withL2$)])
const ended = await dashboard.done
console.log(ended.map((run) => `${run.name}: ${run.state} at step ${run.step}`).join(', '))
if (once) await dashboard.close()
else console.log('training finished; the page stays up until Ctrl-C')
