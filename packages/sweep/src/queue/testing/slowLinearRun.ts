// The queue tests' run module: the sweep tests' linear run, each snapshot held back `stepMs` milliseconds, so
// a test can act while a run is under way (kill its worker, restart Redis). The numbers are the run's own.
import { concatMap, delay, of } from 'rxjs'
import { defineRun } from '../../defineRun'
import linearRun from '../../testing/linearRun'
import type { LinearRunConfig } from '../../testing/linearRun'

export interface SlowLinearRunConfig extends LinearRunConfig {
  readonly stepMs: number
}

export default defineRun<SlowLinearRunConfig>(({ stepMs, ...config }, context) =>
  linearRun(config, context).pipe(concatMap((snapshot) => of(snapshot).pipe(delay(stepMs)))),
)
