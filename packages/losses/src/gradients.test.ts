import { describe, expect, it } from 'vitest'
import { checkGrad, grad } from '@gradstream/autodiff'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { absoluteDifference } from './absoluteDifference'
import { asymmetricLoss } from './asymmetricLoss'
import { hingeLoss } from './hingeLoss'
import { huberLoss } from './huberLoss'
import { logLoss } from './logLoss'
import { meanSquaredError } from './meanSquaredError'
import { regularization, weightsOnly } from './regularization'
import { l1, l1l2, l2 } from './regularizers'
import { sigmoidCrossEntropy } from './sigmoidCrossEntropy'
import { softmaxCrossEntropy } from './softmaxCrossEntropy'

const f64 = (values: number[] | number[][]): Tensor => tensor(values, undefined, 'float64')

// Points keep clear of every kink: no prediction equals its label, no |error| equals delta, no margin equals 1.
const labels = f64([[0.2], [-1.3], [0.7], [2.1]])
const predictions = f64([[0.9], [-0.4], [0.1], [1.2]])
const probabilities = f64([[0.8], [0.3], [0.6], [0.15]])
const binary = f64([[1], [0], [1], [0]])
const onehot = f64([
  [1, 0, 0],
  [0, 0, 1],
])
const logits = f64([
  [0.3, -1.2, 2.0],
  [1.1, 0.4, -0.7],
])

const cases: { name: string; f: (p: { x: Tensor }) => Tensor; x: Tensor }[] = [
  { name: 'meanSquaredError', f: (p) => meanSquaredError(labels, p.x), x: predictions },
  {
    name: 'meanSquaredError with weights',
    f: (p) => meanSquaredError(labels, p.x, { weights: f64([[1], [0], [2], [0.5]]) }),
    x: predictions,
  },
  { name: 'absoluteDifference', f: (p) => absoluteDifference(labels, p.x), x: predictions },
  { name: 'huberLoss', f: (p) => huberLoss(labels, p.x, { delta: 0.8 }), x: predictions },
  { name: 'logLoss', f: (p) => logLoss(binary, p.x), x: probabilities },
  {
    name: 'sigmoidCrossEntropy',
    f: (p) => sigmoidCrossEntropy(binary, p.x, { labelSmoothing: 0.1 }),
    x: predictions,
  },
  { name: 'softmaxCrossEntropy', f: (p) => softmaxCrossEntropy(onehot, p.x, { labelSmoothing: 0.2 }), x: logits },
  { name: 'hingeLoss', f: (p) => hingeLoss(binary, p.x), x: predictions },
  { name: 'asymmetricLoss', f: (p) => asymmetricLoss({ under: 10, over: 1 })(labels, p.x), x: predictions },
  { name: 'l1', f: (p) => l1(0.5)(p.x), x: logits },
  { name: 'l2', f: (p) => l2(0.003)(p.x), x: logits },
  { name: 'l1l2', f: (p) => l1l2({ l1: 0.1, l2: 0.2 })(p.x), x: logits },
]

describe.each(cases)('$name gradient', ({ f, x }) => {
  it('matches central differences in float64', () => {
    const { maxAbsError, maxRelError } = checkGrad(f, { x })
    expect(maxRelError).toBeLessThan(1e-7)
    expect(maxAbsError).toBeLessThan(1e-7)
  })
})

describe('regularization gradient', () => {
  it('matches central differences and is zero for unselected biases', () => {
    const params = { layers: [{ w: f64([[0.5, -1.5]]), b: f64([0.1, 0.1]) }] }
    const penalty = (p: typeof params): Tensor => regularization(l2(0.5), p, weightsOnly)
    expect(checkGrad(penalty, params).maxRelError).toBeLessThan(1e-7)
    const grads = grad(penalty)(params)
    expect(grads.layers[0]!.w.toArray()).toEqual([[0.25, -0.75]])
    expect(grads.layers[0]!.b.toArray()).toEqual([0, 0])
  })
})

describe('exact gradients at TF1 conventions', () => {
  it('asymmetricLoss: over where the prediction is strictly greater, −under elsewhere, ties included', () => {
    const loss = asymmetricLoss({ under: 10, over: 1 })
    const y = tensor([1, 1, 1])
    const g = grad((p: Tensor) => loss(y, p))(tensor([2, 0.5, 1]))
    expect(g.toArray()).toEqual([1, -10, -10])
  })

  it('meanSquaredError over a batch of 8 in float32: 0.25 · (prediction − label), exactly', () => {
    const y = tensor([0.3, -1.1, 0.7, 2.5, 0.01, -0.2, 1.9, 0.6])
    const yHat = tensor([0.1, -1.0, 0.9, 2.0, 0.0, 0.4, 1.8, 0.5])
    const g = grad((p: Tensor) => meanSquaredError(y, p))(yHat).toFlatArray()
    const expected = yHat.toFlatArray().map((p, i) => Math.fround(0.25 * Math.fround(p - y.toFlatArray()[i]!)))
    expect(g).toEqual(expected)
  })

  it('l2: scale · w, exactly, as TF1 (the ½ cancels the 2 of the square)', () => {
    const w = tensor([
      [1, -2],
      [-3, 4.5],
    ])
    const g = grad((p: Tensor) => l2(0.003)(p))(w).toFlatArray()
    expect(g).toEqual(w.toFlatArray().map((v) => Math.fround(Math.fround(0.003) * v)))
  })
})
