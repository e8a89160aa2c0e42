// Three ways to train a seed problem for a number of steps with Adam(0.001), each from the initial
// parameters: through gradstream's stream, as a bare loop over the same kernels, and with tfjs.
import { valueAndGrad } from '@gradstream/autodiff'
import { slice, treeLeaves } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { adam, applyUpdates, injectHyperparams } from '@gradstream/optimizers'
import type { AdamState, GradientTransformation } from '@gradstream/optimizers'
import type { Batch, LearningRateState, Snapshot } from '@gradstream/train'
import { fit } from '@gradstream/train'
import * as tf from '@tensorflow/tfjs-core'
import type { Observable } from 'rxjs'
import { totalLoss } from './seedProblems'
import type { Problem } from './seedProblems'
import type { TfjsProblem } from './tfjsProblems'

const LEARNING_RATE = 0.001

/** Trains for `steps` steps from the initial parameters and returns the final ones' values, in leaf order. */
export type TrainingRun = (steps: number) => Float32Array[]

const flat = (params: Params) => treeLeaves(params).map((t) => Float32Array.from(t.dataSync()))

/** The stream's batching for the problem: the seed's cycling batches, or the whole data set every step. */
function batchingOf<P extends Params>({ data, batchSize }: Problem<P>) {
  return batchSize === data.x.shape[0] ? { order: 'full' as const } : { batchSize }
}

/**
 * The run as a stream of snapshots: `fit` over the problem's data with Adam(0.001), given as a function of the
 * rate, so the run's optimizer is `injectHyperparams` over it and its state keeps the rate.
 */
export function fitProblem<P extends Params>(
  problem: Problem<P>,
  steps: number,
): Observable<Snapshot<P, LearningRateState<AdamState>>> {
  return fit({
    params: problem.params,
    loss: problem.loss,
    optimizer: adam,
    learningRate: LEARNING_RATE,
    data: problem.data,
    steps,
    batching: batchingOf(problem),
  })
}

/** `fit` with a subscriber that keeps only a reference to the latest parameters, read once at the end. */
export function streamRun<P extends Params>(problem: Problem<P>): TrainingRun {
  return (steps) => {
    let last = problem.params
    fitProblem(problem, steps).subscribe((snapshot) => {
      last = snapshot.params
    })
    return flat(last)
  }
}

/**
 * The problem's batch of each step, the rows `batchAt` picks, from row slicers made once per run as `fit`'s
 * batching makes them. `batchAt` makes its slicer on every call, and under tsx (the bench's default, which
 * transforms sources with esbuild's keepNames) every closure made is also an `Object.defineProperty` naming it,
 * which built packages never run: that made the bare loop 9% slower on the linear model than the same code
 * bundled (CPU time, paired medians of 41 alternating runs), and so the stream's overhead look smaller.
 */
function batchPicker<P extends Params>(problem: Problem<P>): (step: number) => Batch {
  const { data, batchSize } = problem
  if (batchSize === data.x.shape[0]) return () => data
  const rows = (t: Tensor) => {
    const columns = t.shape[1]!
    return (start: number, size: number) => slice(t, [start, 0], [size, columns])
  }
  const [x, y] = [rows(data.x), rows(data.y)]
  const n = data.x.shape[0]!
  return (step) => {
    const start = (step * batchSize) % n
    const size = Math.min(batchSize, n - start)
    return { x: x(start, size), y: y(start, size) }
  }
}

/**
 * The same kernels with no RxJS: valueAndGrad, the Adam update and applyUpdates, on the same batches. With
 * `injected`, Adam runs inside `injectHyperparams` as `fit` runs it for an optimizer given as a function of the
 * rate, which tells the wrapper's share of the stream's overhead from the stream's own.
 */
export function bareRun<P extends Params>(problem: Problem<P>, { injected = false } = {}): TrainingRun {
  const gradient = valueAndGrad((params: P, batch: Batch) => totalLoss(problem.loss(params, batch)))
  const batchOf = batchPicker(problem)
  const loop = <S>(optimizer: GradientTransformation<S>, steps: number): P => {
    let params = problem.params
    let state = optimizer.init(params)
    for (let step = 0; step < steps; step++) {
      const { grads } = gradient(params, batchOf(step))
      const result = optimizer.update(grads, state, params)
      params = applyUpdates(params, result.updates)
      state = result.state
    }
    return params
  }
  return (steps) => {
    const rate = { learningRate: LEARNING_RATE }
    const optimizer = injected ? injectHyperparams(({ learningRate }) => adam(learningRate), rate) : adam(LEARNING_RATE)
    return flat(loop<unknown>(optimizer, steps))
  }
}

/** tfjs's way: `tf.train.adam(0.001).minimize` on variables reset to the initial values, one tidy per step. */
export function tfjsRun(problem: TfjsProblem): TrainingRun {
  return (steps) => {
    problem.reset()
    const optimizer = tf.train.adam(LEARNING_RATE)
    const variables = [...problem.variables]
    for (let step = 0; step < steps; step++) {
      tf.tidy(() => void optimizer.minimize(() => problem.loss(problem.batchAt(step)), false, variables))
    }
    optimizer.dispose()
    return problem.variables.map((v) => Float32Array.from(v.dataSync()))
  }
}
