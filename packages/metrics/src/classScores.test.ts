import { ConfigError, ShapeError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { f1, f1Metric, precision, precisionMetric, recall, recallMetric } from './classScores'

const i32 = (values: number[]) => tensor(values, undefined, 'int32')

/** Plain float64 reference: each score counted sample by sample for one class, 0 for 0 / 0. */
function reference(kind: 'precision' | 'recall' | 'f1', truth: number[], predicted: number[], c: number): number {
  let tp = 0
  let fp = 0
  let fn = 0
  truth.forEach((t, i) => {
    if (t === c && predicted[i] === c) tp++
    else if (predicted[i] === c) fp++
    else if (t === c) fn++
  })
  const p = tp + fp === 0 ? 0 : tp / (tp + fp)
  const r = tp + fn === 0 ? 0 : tp / (tp + fn)
  if (kind === 'precision') return p
  if (kind === 'recall') return r
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}

describe('precision, recall and f1', () => {
  // sklearn's docstring example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1].
  const labels = i32([0, 1, 2, 0, 1, 2])
  const predicted = i32([0, 2, 1, 0, 0, 1])

  it("give sklearn's per-class and macro numbers", () => {
    expect(precision(labels, predicted).perClass).toEqual([2 / 3, 0, 0])
    expect(precision(labels, predicted).macro).toBeCloseTo(0.2222222222222222, 15)
    expect(recall(labels, predicted)).toEqual({ macro: 1 / 3, perClass: [1, 0, 0] })
    expect(f1(labels, predicted).perClass).toEqual([0.8, 0, 0])
    expect(f1(labels, predicted).macro).toBeCloseTo(0.26666666666666666, 15)
  })

  it('score 0 for a class never predicted or never present (zero_division=0)', () => {
    const allZero = i32([0, 0, 0, 0, 0, 0])
    expect(precision(labels, allZero).perClass).toEqual([1 / 3, 0, 0])
    expect(recall(labels, allZero).perClass).toEqual([1, 0, 0])
  })

  it('average over the classes present in labels or predictions only, as sklearn and torchmetrics', () => {
    // Class 2 of 4 occurs nowhere: it scores 0 but is left out of the macro mean.
    const scores = precision(i32([0, 1, 3]), i32([0, 1, 1]), { numClasses: 4 })
    expect(scores.perClass).toEqual([1, 0.5, 0, 0])
    expect(scores.macro).toBe(1.5 / 3)
  })

  it('take scores and one-hot labels as accuracy does', () => {
    const logits = tensor([
      [3, 1],
      [0, 2],
      [5, 1],
    ])
    const oneHot = tensor([
      [1, 0],
      [0, 1],
      [0, 1],
    ])
    expect(recall(oneHot, logits)).toEqual({ macro: 0.75, perClass: [1, 0.5] })
    expect(precision(i32([0, 1, 1]), logits)).toEqual({ macro: 0.75, perClass: [0.5, 1] })
  })

  it('match a plain float64 reference on random labels', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((classes) =>
            fc.tuple(
              fc.constant(classes),
              fc.array(fc.tuple(fc.nat(classes - 1), fc.nat(classes - 1)), { minLength: 1, maxLength: 40 }),
            ),
          ),
        ([classes, pairs]) => {
          const truth = pairs.map(([t]) => t)
          const guess = pairs.map(([, p]) => p)
          const present = [...new Set([...truth, ...guess])]
          for (const [kind, fn] of [
            ['precision', precision],
            ['recall', recall],
            ['f1', f1],
          ] as const) {
            const scores = fn(i32(truth), i32(guess), { numClasses: classes })
            const expected = Array.from({ length: classes }, (_, c) => reference(kind, truth, guess, c))
            scores.perClass.forEach((score, c) => expect(score).toBeCloseTo(expected[c]!, 14))
            const macro = present.reduce((total, c) => total + expected[c]!, 0) / present.length
            expect(scores.macro).toBeCloseTo(macro, 14)
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuse an empty set, a bad numClasses and a class axis that disagrees with it', () => {
    expect(() => f1(i32([]), i32([]))).toThrow(
      new ShapeError('f1', 'no samples: the metric of an empty set is undefined'),
    )
    expect(() => f1(i32([]), i32([]), { numClasses: 2 })).toThrow('f1: no samples')
    expect(() => recall(labels, predicted, { numClasses: 0 })).toThrow(
      new ConfigError('recall', 'numClasses must be an integer >= 1, got 0'),
    )
    expect(() => precision(labels, predicted, { numClasses: 2 })).toThrow(
      'precision: labels must be class indices in [0, 2), got 2 at flat index 2',
    )
    expect(() => precision(i32([0]), tensor([[1, 2, 3]]), { numClasses: 2 })).toThrow(
      new ShapeError('precision', 'the inputs have 3 classes on their last axis, but numClasses is 2'),
    )
  })
})

describe('precisionMetric, recallMetric and f1Metric', () => {
  it('accumulate the confusion matrix and score it at the end', () => {
    const metric = f1Metric({ numClasses: 3 })
    let state = metric.update(metric.init(), i32([0, 1, 2]), i32([0, 2, 1]))
    state = metric.update(state, i32([0, 1, 2]), i32([0, 0, 1]))
    expect(metric.result(state).perClass).toEqual([0.8, 0, 0])
    const halves = precisionMetric({ numClasses: 3 })
    const a = halves.update(halves.init(), i32([0, 1, 2]), i32([0, 2, 1]))
    const b = halves.update(halves.init(), i32([0, 1, 2]), i32([0, 0, 1]))
    expect(halves.result(halves.merge(a, b)).perClass).toEqual([2 / 3, 0, 0])
  })

  it('need numClasses, and refuse a state of another number of classes', () => {
    expect(() => recallMetric({} as never)).toThrow(
      new ConfigError('recallMetric', 'numClasses must be an integer >= 1, got undefined'),
    )
    const three = recallMetric({ numClasses: 3 })
    const two = recallMetric({ numClasses: 2 })
    expect(() => three.update(two.init(), i32([0]), i32([0]))).toThrow(StructureError)
    expect(() => three.merge(three.init(), two.init())).toThrow(
      'recallMetric.merge: state must be a { numClasses, counts } record over 3 classes made by init(), got an object',
    )
    expect(() => three.result(three.init())).toThrow('recallMetric.result: no samples')
  })
})
