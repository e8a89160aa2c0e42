import * as tf from '@tensorflow/tfjs-core'
import type { MlpParams } from '@gradstream/nn'
import { maxRelativeDifference } from '../data'
import { handWrittenLinearRun } from '../handWritten/linear'
import { handWrittenMlpRun } from '../handWritten/mlp'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { linearProblem, mlpProblem } from '../seedProblems'
import type { LinearParams, Problem } from '../seedProblems'
import { formatTable, formatValue } from '../table'
import { tfjsLinear, tfjsMlp } from '../tfjsProblems'
import type { TfjsProblem } from '../tfjsProblems'
import { prepareTfjsWasm, withTfjsBackend } from '../tfjsWasm'
import { bareRun, streamRun, tfjsRun } from '../trainingLoops'
import type { TrainingRun } from '../trainingLoops'

const LEARNING_RATE = 0.001

/** The ways a case trains, in the table's column order. */
interface Runs {
  readonly stream: TrainingRun
  readonly bare: TrainingRun
  readonly handWritten: TrainingRun
  readonly tfjsCpu: TrainingRun
  readonly tfjsWasm: TrainingRun
}

/**
 * tfjs's run on `backend`: its variables and data made, and every step run, while that backend is active. A run
 * switches backends only when the other one ran last (a switch sets up every kernel of the backend).
 */
function tfjsOn(backend: 'cpu' | 'wasm', problem: () => TfjsProblem): TrainingRun {
  const run = withTfjsBackend(backend, () => tfjsRun(problem()))
  return (steps) => {
    if (tf.getBackend() !== backend) void tf.setBackend(backend)
    return run(steps)
  }
}

interface TrainingCase {
  readonly label: string
  /** Builds every way's run (on first use, once tfjs's backends are ready). */
  readonly runs: () => Runs
  /** Steps per timed run: enough for a run to last a few hundred milliseconds, so a sample averages many steps. */
  readonly steps: { readonly gradstream: number; readonly tfjs: number }
}

const CASES: readonly TrainingCase[] = [
  {
    label: 'custom-loss linear, asymmetric loss, batch 8 of 128',
    runs: () => {
      const ours: Problem<LinearParams> = linearProblem('asymmetric')
      return {
        stream: streamRun(ours),
        bare: bareRun(ours),
        handWritten: handWrittenLinearRun(ours, LEARNING_RATE),
        tfjsCpu: tfjsOn('cpu', () => tfjsLinear(ours, 'asymmetric')),
        tfjsWasm: tfjsOn('wasm', () => tfjsLinear(ours, 'asymmetric')),
      }
    },
    steps: { gradstream: 5000, tfjs: 1000 },
  },
  {
    label: 'regularized MLP [2, 10, 5, 3, 1], L2 + mse, batch 150',
    runs: () => {
      const ours: Problem<MlpParams> = mlpProblem()
      return {
        stream: streamRun(ours),
        bare: bareRun(ours),
        handWritten: handWrittenMlpRun(ours, LEARNING_RATE),
        tfjsCpu: tfjsOn('cpu', () => tfjsMlp(ours)),
        tfjsWasm: tfjsOn('wasm', () => tfjsMlp(ours)),
      }
    },
    steps: { gradstream: 1000, tfjs: 250 },
  },
]

const SAMPLES = 21
const WARMUPS = 1
const CHECK_STEPS = 5
/** Float32 tolerance for runs that round differently: after 5 steps the params agree to a few ulps of float32. */
const TOLERANCE = 1e-5

/**
 * After a few steps the stream and the bare loop must hold the very same parameters (they run the same
 * kernels); the hand-written loop (double arithmetic stored as float32) and tfjs (the paper's Adam with
 * epsilon 1e-7) nearly the same ones.
 */
function check(runs: Runs): string | undefined {
  const [ours, loop, ...others] = [runs.stream, runs.bare, runs.handWritten, runs.tfjsCpu, runs.tfjsWasm].map((run) =>
    run(CHECK_STEPS),
  )
  const sameBits = (a: Float32Array[], b: Float32Array[]) =>
    a.every((leaf, i) => leaf.every((v, j) => Object.is(v, b[i]![j])))
  if (!sameBits(ours!, loop!)) return `stream and bare loop differ after ${CHECK_STEPS} steps`
  const problems = ['hand-written', 'tfjs-cpu', 'tfjs-wasm'].flatMap((name, k) => {
    const worst = Math.max(...ours!.map((leaf, i) => maxRelativeDifference(leaf, others[k]![i]!)))
    return worst > TOLERANCE ? [`${name} params differ by up to ${worst.toExponential(2)}`] : []
  })
  return problems.length === 0 ? undefined : `${problems.join('; ')} after ${CHECK_STEPS} steps`
}

const signedPercent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`

function trainingRow({ label, runs: makeRuns, steps }: TrainingCase): string[] {
  const runs = makeRuns()
  const problem = check(runs)
  const seconds = measureMedians(
    [
      () => runs.stream(steps.gradstream),
      () => runs.bare(steps.gradstream),
      () => runs.handWritten(steps.gradstream),
      () => runs.tfjsCpu(steps.tfjs),
      () => runs.tfjsWasm(steps.tfjs),
    ],
    { samples: SAMPLES, warmups: WARMUPS },
  )
  const perStep = seconds.map((s, i) => (s * 1e6) / (i < 3 ? steps.gradstream : steps.tfjs))
  const [stream, bare, handWritten, tfjsCpu, tfjsWasm] = perStep as [number, number, number, number, number]
  return [
    label,
    ...perStep.map(formatValue),
    signedPercent(stream / bare),
    `${(stream / handWritten).toFixed(2)}x`,
    `${(tfjsCpu / stream).toFixed(2)}x`,
    `${(tfjsWasm / stream).toFixed(2)}x`,
    problem ?? '',
  ]
}

const HEADER = [
  '',
  'fit stream µs/step',
  'bare loop µs/step',
  'hand-written µs/step',
  'tfjs-cpu µs/step',
  'tfjs-wasm µs/step',
  'stream overhead',
  'stream / hand-written',
  'tfjs-cpu / stream',
  'tfjs-wasm / stream',
  '',
]

/**
 * The seed's two training workloads with Adam(0.001): `fit` with a subscriber (Adam inside `injectHyperparams`,
 * the rate in the optimizer state), a bare loop over the same kernels, a hand-written loop (Float32Arrays,
 * gradients derived by hand, TF1's Adam), and tfjs's `minimize` on its cpu and wasm backends.
 * Goals: the stream within 10% of the bare loop on the linear model and 3% on the MLP; the linear step at most
 * 5 µs; the MLP step no slower than the hand-written loop.
 */
export const trainingReport: Report = {
  title: 'training: Adam(0.001) steps of the seed models, fit stream vs bare loop vs hand-written vs tfjs, float32',
  run: async () => {
    await prepareTfjsWasm()
    await tf.setBackend('cpu')
    const table = formatTable(HEADER, CASES.map(trainingRow))
    await tf.setBackend('cpu')
    return `${table}\ngoals: stream overhead under +10% (linear) and +3% (MLP); linear step at most 5 µs; MLP step at most the hand-written one`
  },
}
