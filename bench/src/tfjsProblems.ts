// The seed's two problems written with tfjs ops, starting from the same data and initial values as the
// gradstream problems in seedProblems.ts, so both libraries differentiate the same function.
import type { Params, Tensor } from '@gradstream/tensor'
import { treeLeaves } from '@gradstream/tensor'
import type { MlpParams } from '@gradstream/nn'
import * as tf from '@tensorflow/tfjs-core'
import './tfjsGradients'
import type { LinearLoss, LinearParams, Problem } from './seedProblems'

export interface TfjsBatch {
  readonly x: tf.Tensor2D
  readonly y: tf.Tensor2D
}

/** A problem as tfjs trains it: variables updated in place, and a loss of the variables on a batch. */
export interface TfjsProblem {
  /** In the order of the gradstream problem's parameter leaves. */
  readonly variables: readonly tf.Variable[]
  /** Puts every variable back to its initial value, so each timed run starts where the gradstream one does. */
  readonly reset: () => void
  /** Batch `step`, rows `(step * batchSize) % n` onward (make it inside a tidy). */
  readonly batchAt: (step: number) => TfjsBatch
  readonly loss: (batch: TfjsBatch) => tf.Scalar
}

// Every tensor of the seed's problems is float32.
const values = (t: Tensor) => Float32Array.from(t.dataSync())
const toTf2d = (t: Tensor) => tf.tensor2d(values(t), [t.shape[0]!, t.shape[1] ?? 1])

/** Variables holding the gradstream parameters' values, in leaf order, with a reset to those values. */
function variablesOf(params: Params): Pick<TfjsProblem, 'variables' | 'reset'> {
  const initial = treeLeaves(params).map((leaf) => tf.tensor(values(leaf), [...leaf.shape]))
  const variables = initial.map((value) => tf.variable(value.clone()))
  return { variables, reset: () => variables.forEach((v, i) => v.assign(initial[i]!)) }
}

function batchesOf({ data, batchSize }: Pick<Problem<Params>, 'data' | 'batchSize'>): (step: number) => TfjsBatch {
  const x = toTf2d(data.x)
  const y = toTf2d(data.y)
  const n = x.shape[0]
  if (batchSize === n) return () => ({ x, y })
  return (step) => {
    const start = (step * batchSize) % n
    const size = Math.min(batchSize, n - start)
    return { x: tf.slice(x, [start, 0], [size, x.shape[1]]), y: tf.slice(y, [start, 0], [size, y.shape[1]]) }
  }
}

/** The seed's asymmetric loss as it writes it, or tfjs's mean squared error. */
function linearLoss(loss: LinearLoss): (labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar {
  if (loss === 'mse') return (labels, predictions) => tf.losses.meanSquaredError(labels, predictions) as tf.Scalar
  return (labels, predictions) =>
    tf.sum(
      tf.where(
        tf.greater(predictions, labels),
        tf.mul(tf.sub(predictions, labels), 1),
        tf.mul(tf.sub(labels, predictions), 10),
      ),
    )
}

/** y = x·w1 with the linear problem's loss. */
export function tfjsLinear(problem: Problem<LinearParams>, loss: LinearLoss): TfjsProblem {
  const { variables, reset } = variablesOf(problem.params)
  const [w1] = variables
  const lossOf = linearLoss(loss)
  return { variables, reset, batchAt: batchesOf(problem), loss: ({ x, y }) => lossOf(y, tf.matMul(x, w1!)) }
}

/** The [2, 10, 5, 3, 1] elu network: L2 0.003 on each weight (TF1's sum(w² · 0.5)), plus sum((y - ŷ)²) / n. */
export function tfjsMlp(problem: Problem<MlpParams>): TfjsProblem {
  const { variables, reset } = variablesOf(problem.params)
  const layers = problem.params.layers.map((_, i) => ({ w: variables[2 * i]!, b: variables[2 * i + 1]! }))
  const forward = (x: tf.Tensor) => layers.reduce<tf.Tensor>((h, { w, b }) => tf.elu(tf.add(tf.matMul(h, w), b)), x)
  const l2 = () =>
    layers.map(({ w }) => tf.mul(0.003, tf.sum(tf.mul(tf.square(w), 0.5)))).reduce((sum, term) => tf.add(sum, term))
  const mse = ({ x, y }: TfjsBatch) => tf.div(tf.sum(tf.pow(tf.sub(y, forward(x)), 2)), x.shape[0])
  return { variables, reset, batchAt: batchesOf(problem), loss: (batch) => tf.add(l2(), mse(batch)) }
}
