import type { Params } from '@gradstream/tensor'
import { maxRelativeDifference } from '../data'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { linearProblem, mlpProblem } from '../seedProblems'
import type { Problem } from '../seedProblems'
import { formatTable, formatValue } from '../table'
import { tfjsLinear, tfjsMlp } from '../tfjsProblems'
import type { TfjsProblem } from '../tfjsProblems'
import { bareRun, streamRun, tfjsRun } from '../trainingLoops'
import type { TrainingRun } from '../trainingLoops'

/** The fit stream, the bare loop, the bare loop with Adam inside injectHyperparams (as fit runs it) and tfjs. */
type FourRuns = readonly [TrainingRun, TrainingRun, TrainingRun, TrainingRun]

const fourRuns = <P extends Params>(ours: Problem<P>, theirs: TfjsProblem): FourRuns => [
  streamRun(ours),
  bareRun(ours),
  bareRun(ours, { injected: true }),
  tfjsRun(theirs),
]

interface TrainingCase {
  readonly label: string
  /** Builds both libraries' problem and runs (on first use, after the bench has chosen tfjs's backend). */
  readonly runs: () => FourRuns
  /** Steps per timed run: enough for a run to last a few hundred milliseconds, so a sample averages many steps. */
  readonly steps: { readonly gradstream: number; readonly tfjs: number }
}

const CASES: readonly TrainingCase[] = [
  {
    label: 'custom-loss linear, asymmetric loss, batch 8 of 128',
    runs: () => {
      const ours = linearProblem('asymmetric')
      return fourRuns(ours, tfjsLinear(ours, 'asymmetric'))
    },
    steps: { gradstream: 5000, tfjs: 1000 },
  },
  {
    label: 'regularized MLP [2, 10, 5, 3, 1], L2 + mse, batch 150',
    runs: () => {
      const ours = mlpProblem()
      return fourRuns(ours, tfjsMlp(ours))
    },
    steps: { gradstream: 1000, tfjs: 250 },
  },
]

const SAMPLES = 21
const WARMUPS = 1
const CHECK_STEPS = 5

/**
 * After a few steps the stream and the bare loop must hold the very same parameters (they run the same
 * kernels), and tfjs nearly the same ones (its Adam is the paper's form with epsilon 1e-7).
 */
function check(runs: FourRuns): string | undefined {
  const [ours, loop, injected, theirs] = runs.map((run) => run(CHECK_STEPS))
  const sameBits = (a: Float32Array[], b: Float32Array[]) =>
    a.every((leaf, i) => leaf.every((v, j) => Object.is(v, b[i]![j])))
  if (!sameBits(ours!, loop!) || !sameBits(ours!, injected!))
    return `stream and bare loops differ after ${CHECK_STEPS} steps`
  const worst = Math.max(...ours!.map((leaf, i) => maxRelativeDifference(leaf, theirs![i]!)))
  return worst > 1e-5 ? `tfjs params differ by up to ${worst.toExponential(2)} after ${CHECK_STEPS} steps` : undefined
}

const signedPercent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`

function trainingRow({ label, runs: makeRuns, steps }: TrainingCase): string[] {
  const runs = makeRuns()
  const problem = check(runs)
  const [stream, bare, injected, tfjs] = runs
  const seconds = measureMedians(
    [
      () => stream(steps.gradstream),
      () => bare(steps.gradstream),
      () => injected(steps.gradstream),
      () => tfjs(steps.tfjs),
    ],
    { samples: SAMPLES, warmups: WARMUPS },
  )
  const microsecondsPerStep = (run: number, count: number) => (seconds[run]! * 1e6) / count
  const [streamUs, bareUs, injectedUs] = [0, 1, 2].map((run) => microsecondsPerStep(run, steps.gradstream))
  const tfjsUs = microsecondsPerStep(3, steps.tfjs)
  return [
    label,
    ...[streamUs!, bareUs!, injectedUs!, tfjsUs].map(formatValue),
    signedPercent(streamUs! / bareUs!),
    signedPercent(injectedUs! / bareUs!),
    `${(tfjsUs / streamUs!).toFixed(2)}x`,
    problem ?? '',
  ]
}

const HEADER = [
  '',
  'fit stream µs/step',
  'bare loop µs/step',
  'bare + injectHyperparams µs/step',
  'tfjs-cpu µs/step',
  'stream overhead',
  'of which injectHyperparams',
  'tfjs / stream',
  '',
]

/**
 * The seed's two training workloads with Adam(0.001): `fit` with a subscriber, a bare loop over the same
 * kernels, the bare loop with Adam inside `injectHyperparams` (as `fit` runs an optimizer given as a function of
 * the rate; its overhead over the bare loop is the wrapper's share of the stream's), and tfjs's `minimize`.
 * Goals: the stream within 10% of the bare loop on the linear model and 3% on the MLP, 5x faster than tfjs.
 */
export const trainingReport: Report = {
  title: 'training: Adam(0.001) steps of the seed models, fit stream vs bare loop vs tfjs minimize, float32',
  run: () => {
    const table = formatTable(HEADER, CASES.map(trainingRow))
    return `${table}\ngoals: stream overhead under +10% (linear) and +3% (MLP), tfjs / stream at least 5x`
  },
}
