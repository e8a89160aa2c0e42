// The losses of the TF1 tutorial this project follows, checked against
// central differences, and the gradients TF1 gives them where it is exact.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { checkGrad } from './checkGrad'
import { uniform } from './testing/random'
import { grad } from './valueAndGrad'

const x = uniform([8, 2], { seed: 1, low: 0, high: 1 })
const yTrue = t.add(t.sum(x, 1, true), uniform([8, 1], { seed: 2, low: -0.05, high: 0.05 }))
const w1 = uniform([2, 1], { seed: 3 })

/** The tutorial's custom loss: overestimates cost `more` each, underestimates `less`. */
function asymmetricLoss(y: Tensor, labels: Tensor, less: number, more: number): Tensor {
  return t.sum(t.where(t.greater(y, labels), t.mul(t.sub(y, labels), more), t.mul(t.sub(labels, y), less)))
}

describe('the asymmetric loss', () => {
  const loss = (w: Tensor) => asymmetricLoss(t.matMul(t.cast(x, w.dtype), w), t.cast(yTrue, w.dtype), 10, 1)

  it('matches central differences', () => {
    expect(checkGrad(loss, w1).maxRelError).toBeLessThan(1e-6)
    expect(checkGrad(loss, w1, { dtype: 'float32' }).maxRelError).toBeLessThan(1e-2)
  })

  it('has gradient `more` above the label and `-less` elsewhere, ties included', () => {
    const labels = t.tensor([[1], [2], [3]])
    const dy = grad((y: Tensor) => asymmetricLoss(y, labels, 10, 1))(t.tensor([[1.5], [2], [2.5]]))
    expect(dy.toArray()).toEqual([[1], [-10], [-10]])
  })
})

describe('the mean squared error', () => {
  const loss = (w: Tensor) => t.mean(t.square(t.sub(t.cast(yTrue, w.dtype), t.matMul(t.cast(x, w.dtype), w))))

  it('matches central differences', () => {
    expect(checkGrad(loss, w1).maxRelError).toBeLessThan(1e-6)
    expect(checkGrad(loss, w1, { dtype: 'float32' }).maxRelError).toBeLessThan(1e-2)
  })

  it('has gradient (y - y_) / 4 for a batch of 8, exact in float32', () => {
    const y = t.tensor([[1], [2], [3], [4], [5], [6], [7], [8]])
    const labels = t.tensor([[0.5], [2], [3.5], [4], [5], [6], [7], [9]])
    const dy = grad((p: Tensor) => t.mean(t.square(t.sub(labels, p))))(y)
    expect(dy.toFlatArray().map((v) => v + 0)).toEqual([0.125, 0, -0.125, 0, 0, 0, 0, -0.25]) // + 0 turns -0 into 0
  })
})

describe('the regularized MLP loss', () => {
  const LAYERS = [2, 10, 5, 3, 1]
  const SCALE = 0.003
  type Mlp = { weights: Tensor[]; biases: Tensor[] }
  const data = uniform([150, 2], { seed: 10, low: -1, high: 2 })
  const labels = t.cast(t.greater(t.sum(t.square(data), 1, true), 1), 'float32')
  const params: Mlp = {
    weights: LAYERS.slice(1).map((out, i) => uniform([LAYERS[i]!, out], { seed: 20 + i })),
    biases: LAYERS.slice(1).map((out) => t.fill([out], 0.1)),
  }

  // elu(x·w + b) per layer; loss = Σ(y_ − y)² / n + Σ 0.003 · Σw² / 2 (TF's l2_regularizer).
  const loss = (p: Mlp) => {
    const dtype = p.weights[0]!.dtype
    const output = p.weights.reduce(
      (layer, w, i) => t.elu(t.add(t.matMul(layer, w), p.biases[i]!)),
      t.cast(data, dtype),
    )
    const mse = t.div(t.sum(t.pow(t.sub(t.cast(labels, dtype), output), 2)), 150)
    const penalties = p.weights.map((w) => t.div(t.mul(t.sum(t.square(w)), SCALE), 2))
    return t.addN([mse, ...penalties])
  }

  it('matches central differences in float64', () => {
    const result = checkGrad(loss, params)
    expect(result.leaves).toHaveLength(8)
    expect(result.maxRelError).toBeLessThan(1e-6)
  })

  it('matches central differences in float32', () => {
    expect(checkGrad(loss, params, { dtype: 'float32' }).maxRelError).toBeLessThan(1e-2)
  })
})
