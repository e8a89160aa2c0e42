import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { logLoss } from './logLoss'

const reference = (z: number, p: number, eps: number): number =>
  -z * Math.log(p + eps) - (1 - z) * Math.log(1 - p + eps)

describe('logLoss', () => {
  it('is the binary cross-entropy of probabilities, with epsilon 1e-7 inside the logs', () => {
    const labels = [1, 0, 1, 0, 0.3]
    const predictions = [0.9, 0.2, 0.01, 0.99, 0.6]
    const loss = logLoss(tensor(labels), tensor(predictions), { reduction: 'none' }).toFlatArray()
    loss.forEach((value, i) => expect(value).toBeCloseTo(reference(labels[i]!, predictions[i]!, 1e-7), 5))
  })

  it('stays finite at probabilities 0 and 1', () => {
    const loss = logLoss(tensor([1, 0]), tensor([0, 1]), { reduction: 'none' }).toFlatArray()
    expect(loss[0]).toBeCloseTo(-Math.log(1e-7), 4)
    expect(loss[1]).toBeCloseTo(-Math.log(1e-7), 4)
  })

  it('averages by default', () => {
    expect(logLoss(tensor([1, 0]), tensor([0.5, 0.5]), { epsilon: 0 }).item()).toBe(Math.fround(Math.LN2))
  })

  it('rejects a negative epsilon', () => {
    expect(() => logLoss(tensor([1]), tensor([0.5]), { epsilon: -1 })).toThrow(
      'logLoss: epsilon must be a finite number >= 0, got -1',
    )
  })
})
