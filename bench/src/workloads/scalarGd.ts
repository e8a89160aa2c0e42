import * as tf from '@tensorflow/tfjs-core'
import { valueAndGrad } from '@gradstream/autodiff'
import { applyUpdates, sgd } from '@gradstream/optimizers'
import type { SgdState } from '@gradstream/optimizers'
import { exponentialDecay } from '@gradstream/schedules'
import { scalar, square } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { train } from '@gradstream/train'
import { range } from 'rxjs'
import { handWrittenScalarGd } from '../handWritten/scalarGd'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { formatTable, formatValue } from '../table'
import { prepareTfjsWasm, withTfjsBackend } from '../tfjsWasm'

/** A run of `steps` gradient-descent updates from x = 5; returns the final x. */
type ScalarRun = (steps: number) => number

// The seed's third learning-rate run: tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase=True).
const schedule = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
type Params = { readonly x: Tensor }
const loss = ({ x }: Params) => square(x)

/** As `examples/03-learning-rate.ts` trains it: `train` with `sgd` as a function of the rate and the schedule. */
function streamRun(): ScalarRun {
  // There is no data: each batch is the iteration number, as in the example.
  const step = train<Params, SgdState, number>({
    params: { x: scalar(5) },
    loss,
    optimizer: sgd,
    learningRate: schedule,
  })
  return (steps) => {
    let x = 5
    range(0, steps)
      .pipe(step)
      .subscribe((snapshot) => {
        x = snapshot.params.x.item()
      })
    return x
  }
}

/** The same kernels without RxJS: valueAndGrad, `sgd(schedule)`'s update and applyUpdates. */
function bareRun(): ScalarRun {
  const gradient = valueAndGrad(loss)
  const optimizer = sgd(schedule)
  return (steps) => {
    let params = { x: scalar(5) }
    let state = optimizer.init(params)
    for (let i = 0; i < steps; i++) {
      const result = optimizer.update(gradient(params).grads, state, params)
      params = applyUpdates(params, result.updates)
      state = result.state
    }
    return params.x.item()
  }
}

/** tfjs's way: `tf.train.sgd` with its rate set before each `minimize`, one tidy per step. */
function tfjsRun(backend: 'cpu' | 'wasm'): ScalarRun {
  const { x, initial, optimizer } = withTfjsBackend(backend, () => ({
    x: tf.variable(tf.scalar(5)),
    initial: tf.scalar(5),
    optimizer: tf.train.sgd(0.1),
  }))
  return (steps) => {
    if (tf.getBackend() !== backend) void tf.setBackend(backend)
    x.assign(initial)
    for (let step = 0; step < steps; step++) {
      optimizer.setLearningRate(0.1 * Math.pow(0.96, step))
      tf.tidy(() => void optimizer.minimize(() => tf.square(x), false, [x]))
    }
    return x.dataSync()[0]!
  }
}

const STEPS = 100
const SAMPLES = 21
const WARMUPS = 1
/** Relative: the runs round the rates differently (TF1's schedule rounds each op to float32, the others do not). */
const TOLERANCE = 1e-5

function check(runs: readonly ScalarRun[]): string | undefined {
  const [ours, bare, ...others] = runs.map((run) => run(STEPS))
  if (!Object.is(ours, bare)) return `stream and bare loop differ after ${STEPS} steps: ${ours} and ${bare}`
  const off = ['hand-written', 'tfjs-cpu', 'tfjs-wasm'].filter(
    (_, k) => !(Math.abs(others[k]! - ours!) <= TOLERANCE * Math.abs(ours!)),
  )
  return off.length === 0 ? undefined : `${off.join(', ')} end at ${others.join(', ')}, gradstream at ${ours}`
}

const HEADER = [
  '',
  'train stream µs/step',
  'bare loop µs/step',
  'hand-written µs/step',
  'tfjs-cpu µs/step',
  'tfjs-wasm µs/step',
  'stream overhead',
  'tfjs-cpu / stream',
  'tfjs-wasm / stream',
  '',
]

const signedPercent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`

/**
 * The seed's learning-rate example as a workload: gradient descent on x² from x = 5 with the rate
 * 0.1·0.96^step, 100 steps a run, through `train`, a bare loop, a hand-written loop and tfjs on both backends.
 * Goal: the stream's step at most 2 µs.
 */
export const scalarGdReport: Report = {
  title: 'scalar GD: gradient descent on x² with exponential decay, train stream vs bare loop vs hand-written vs tfjs',
  run: async () => {
    await prepareTfjsWasm()
    const runs = [streamRun(), bareRun(), handWrittenScalarGd, tfjsRun('cpu'), tfjsRun('wasm')]
    const problem = check(runs)
    const seconds = measureMedians(
      runs.map((run) => () => void run(STEPS)),
      { samples: SAMPLES, warmups: WARMUPS },
    )
    await tf.setBackend('cpu')
    const [stream, bare, , tfjsCpu, tfjsWasm] = seconds.map((s) => (s * 1e6) / STEPS) as number[]
    const row = [
      `x² from 5, ${STEPS} steps, rate 0.1·0.96^step`,
      ...seconds.map((s) => formatValue((s * 1e6) / STEPS)),
      signedPercent(stream! / bare!),
      `${(tfjsCpu! / stream!).toFixed(2)}x`,
      `${(tfjsWasm! / stream!).toFixed(2)}x`,
      problem ?? '',
    ]
    return `${formatTable(HEADER, [row])}\ngoal: the stream's step at most 2 µs`
  },
}
