import { adam, applyUpdates } from '@gradstream/optimizers'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { maxRelativeDifference, uniformFloats } from '../data'
import type { Metric, Workload, WorkloadCase } from '../workload'

// The seed's regularization MLP: layers [2, 10, 5, 3, 1], a weight matrix and a bias vector each (107 numbers).
const LAYERS = [2, 10, 5, 3, 1]
const SHAPES: Record<string, number[]> = Object.fromEntries(
  LAYERS.slice(1).flatMap((out, i) => [
    [`w${i + 1}`, [LAYERS[i]!, out]],
    [`b${i + 1}`, [out]],
  ]),
)
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)
const values = (seed: number) =>
  Object.fromEntries(Object.entries(SHAPES).map(([name, shape], i) => [name, uniformFloats(sizeOf(shape), seed + i)]))
const PARAMS = values(10)
const GRADS = values(20)

const MICROSECONDS_PER_UPDATE: Metric = { unit: 'µs/update', value: (n, s) => (s * 1e6) / n, higherIsBetter: false }

type Tree = Record<string, Tensor>
const gradstreamTree = (source: Record<string, Float32Array>): Tree =>
  Object.fromEntries(Object.entries(source).map(([name, v]) => [name, tensor(v, SHAPES[name])]))

/** A gradstream training loop's optimizer step: update, then apply, carrying params and state. */
function gradstreamStepper(options?: Parameters<typeof adam>[1]) {
  const opt = adam(0.001, options)
  const grads = gradstreamTree(GRADS)
  let params = gradstreamTree(PARAMS)
  let state = opt.init(params)
  return {
    step: () => {
      const result = opt.update(grads, state, params)
      params = applyUpdates(params, result.updates)
      state = result.state
    },
    params: () => params,
  }
}

/** tfjs's way: variables updated in place by `applyGradients`. */
function tfjsStepper() {
  const vars = Object.fromEntries(
    Object.entries(PARAMS).map(([name, v]) => [name, tf.variable(tf.tensor(v, SHAPES[name]), true)]),
  )
  const grads = Object.entries(GRADS).map(([name, v]) => ({
    name: vars[name]!.name,
    tensor: tf.tensor(v, SHAPES[name]),
  }))
  const opt = tf.train.adam(0.001)
  return { step: () => opt.applyGradients(grads), params: () => vars }
}

// A training loop runs thousands of updates: both libraries take this many before timing starts, so the
// medians are of compiled code rather than of the first few hundred updates.
const WARM_UP_UPDATES = 2000

function warmedUp(stepper: { step: () => unknown }): () => void {
  for (let i = 0; i < WARM_UP_UPDATES; i++) stepper.step()
  return () => void stepper.step()
}

const adamCase: WorkloadCase = {
  label: 'seed MLP [2, 10, 5, 3, 1], 107 params in 8 tensors',
  work: 1,
  samples: 9,
  gradstream: () => warmedUp(gradstreamStepper()),
  tfjs: () => warmedUp(tfjsStepper()),
  check: () => {
    // tfjs implements the paper's form with epsilon 1e-7: compare with gradstream's form 'paper' after 5 updates.
    const ours = gradstreamStepper({ form: 'paper', epsilon: 1e-7 })
    const theirs = tfjsStepper()
    for (let i = 0; i < 5; i++) [ours, theirs].forEach((s) => s.step())
    const worst = Math.max(
      ...Object.keys(SHAPES).map((name) =>
        maxRelativeDifference(ours.params()[name]!.dataSync(), theirs.params()[name]!.dataSync()),
      ),
    )
    return worst > 1e-6 ? `params differ by up to ${worst.toExponential(2)} after 5 updates` : undefined
  },
}

/** One Adam update of the seed's MLP parameters: gradstream's update + applyUpdates vs tfjs's applyGradients. */
export const adamWorkload: Workload = {
  title: 'one Adam(0.001) update of the seed MLP parameters, float32',
  metric: MICROSECONDS_PER_UPDATE,
  cases: [adamCase],
}
