import { GradstreamError } from '@gradstream/core'
import { sparseSoftmaxCrossEntropy } from '@gradstream/losses'
import { accuracyMetric } from '@gradstream/metrics'
import { matMul, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { of } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../snapshot'
import { evaluate } from './evaluate'
import type { EvaluateOptions } from './evaluate'

type Linear = Snapshot<{ readonly w: Tensor }, unknown, undefined> // a run without model state

const snapshotWith = (w: number[][]): Linear =>
  Object.freeze({
    step: 1,
    params: Object.freeze({ w: tensor(w) }),
    optimizer: Object.freeze({}),
    loss: 1,
    losses: Object.freeze({ loss: 1 }),
    learningRate: 0.1,
  })

/** The eval results of one snapshot, synchronously. */
function evalOf(snapshot: Linear, options: EvaluateOptions<{ readonly w: Tensor }>): Readonly<Record<string, number>> {
  let results: Readonly<Record<string, number>> | undefined
  of(snapshot)
    .pipe(evaluate<Linear>(options))
    .subscribe((s) => (results = s.eval))
  return results!
}

/** Mean sparse softmax cross-entropy and accuracy of x·w, in float64 from the float32 inputs; ties pick the first class. */
function reference(rows: readonly number[][], w: readonly number[][], labels: readonly number[]) {
  const f32 = (v: number) => Math.fround(v)
  let loss = 0
  let correct = 0
  rows.forEach((row, r) => {
    const logits = w[0]!.map((_, c) => row.reduce((sum, v, i) => sum + f32(v) * f32(w[i]![c]!), 0))
    const top = Math.max(...logits)
    const logSum = top + Math.log(logits.reduce((sum, l) => sum + Math.exp(l - top), 0))
    loss += logSum - logits[labels[r]!]!
    if (logits.indexOf(top) === labels[r]) correct++
  })
  return { loss: loss / rows.length, accuracy: correct / rows.length }
}

const CLASSES = 3
const coefficient = fc.double({ min: -2, max: 2, noNaN: true })
const problem = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc.record({
    rows: fc.array(fc.array(coefficient, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
    labels: fc.array(fc.integer({ min: 0, max: CLASSES - 1 }), { minLength: n, maxLength: n }),
    w: fc.array(fc.array(coefficient, { minLength: CLASSES, maxLength: CLASSES }), { minLength: 2, maxLength: 2 }),
    batchSize: fc.integer({ min: 1, max: 25 }),
  }),
)

describe('evaluate over random data and batch sizes', () => {
  it('gives the accuracy exactly, up to float32 ties of the logits, and the loss within float32 rounding', () => {
    fc.assert(
      fc.property(problem, ({ rows, labels, w, batchSize }) => {
        const results = evalOf(snapshotWith(w), {
          data: { x: tensor(rows), y: tensor(labels, undefined, 'int32') },
          predict: (p, x) => matMul(x, p.w),
          loss: sparseSoftmaxCrossEntropy,
          metrics: { accuracy: accuracyMetric() },
          batchSize,
          every: 1,
        })
        const expected = reference(rows, w, labels)
        // logits are at most 8 in size: float32 products, sums and logsumexp are within ~1e-6 each, 1e-5 in all
        expect(Math.abs(results.loss! - expected.loss)).toBeLessThan(1e-5 * (1 + expected.loss))
        // a float32 logit may round two nearly equal float64 logits to a tie: within one sample a row
        expect(Math.abs(results.accuracy! - expected.accuracy)).toBeLessThanOrEqual(nearTies(rows, w) / rows.length)
      }),
      { numRuns: 200 },
    )
  })
})

/** Rows whose two best float64 logits are closer than float32 can tell apart. */
function nearTies(rows: readonly number[][], w: readonly number[][]): number {
  return rows.filter((row) => {
    const logits = w[0]!.map((_, c) => row.reduce((sum, v, i) => sum + v * w[i]![c]!, 0)).sort((a, b) => b - a)
    return logits[0]! - logits[1]! < 1e-5
  }).length
}

describe('evaluate with random bad options', () => {
  const data = { x: tensor([[1, 2]]), y: tensor([0], undefined, 'int32') }
  const valid = { data, predict: (p: { readonly w: Tensor }, x: Tensor) => matMul(x, p.w), batchSize: 4, every: 2 }
  const junk = fc.oneof(fc.constantFrom(null, true, [], {}, NaN, -1, 0, 0.5, Infinity, '', 'epochs'), fc.string())
  const keys = ['data', 'predict', 'loss', 'metrics', 'batchSize', 'every'] as const
  const isValid = (key: (typeof keys)[number], v: unknown) =>
    (key === 'batchSize' && Number.isSafeInteger(v) && (v as number) >= 1) ||
    (key === 'every' && (v === 'epoch' || (Number.isSafeInteger(v) && (v as number) >= 1))) ||
    (key === 'metrics' && typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)

  it('throws a named error starting with evaluate: for every option of the wrong kind or range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), junk, (key, bad) => {
        fc.pre(!isValid(key, bad))
        let thrown: unknown
        try {
          evaluate<Linear>({ ...valid, [key]: bad } as EvaluateOptions<{ readonly w: Tensor }>)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toBeInstanceOf(GradstreamError)
        expect((thrown as Error).message.startsWith('evaluate: ')).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
