import { describe, expect, it } from 'vitest'
import { broadcastIndexMap, broadcastRows } from './broadcast'

const rows = (...args: Parameters<typeof broadcastRows>) => {
  const plan = broadcastRows(...args)
  return { ...plan, starts: plan.starts.map((s) => Array.from(s)) }
}

describe('broadcastRows', () => {
  it('merges same-shaped operands into one row', () => {
    expect(
      rows(
        [
          [2, 3],
          [2, 3],
        ],
        [2, 3],
      ),
    ).toEqual({ inner: 6, rows: 1, steps: [1, 1], starts: [[0], [0]] })
  })

  it('walks a row broadcast as rows that restart the smaller operand', () => {
    expect(rows([[4, 3], [3]], [4, 3])).toEqual({
      inner: 3,
      rows: 4,
      steps: [1, 1],
      starts: [
        [0, 3, 6, 9],
        [0, 0, 0, 0],
      ],
    })
  })

  it('repeats a column operand along each row', () => {
    expect(
      rows(
        [
          [2, 3],
          [2, 1],
        ],
        [2, 3],
      ),
    ).toEqual({
      inner: 3,
      rows: 2,
      steps: [1, 0],
      starts: [
        [0, 3],
        [0, 1],
      ],
    })
  })

  it('drops axes of size 1 and merges axes both operands walk contiguously', () => {
    const plan = rows(
      [
        [2, 1, 3, 4],
        [3, 4],
      ],
      [2, 1, 3, 4],
    )
    expect(plan).toEqual({
      inner: 12,
      rows: 2,
      steps: [1, 1],
      starts: [
        [0, 12],
        [0, 0],
      ],
    })
  })

  it('gives one row of one element for scalars', () => {
    expect(rows([[], [1, 1]], [1, 1])).toEqual({ inner: 1, rows: 1, steps: [0, 0], starts: [[0], [0]] })
  })

  it('has no rows for an empty output', () => {
    expect(rows([[0, 3], [3]], [0, 3]).rows).toBe(0)
    expect(rows([[3, 0], [1]], [3, 0]).rows).toBe(0)
  })
})

describe('broadcastIndexMap', () => {
  it('maps each output index to the input element broadcasting puts there', () => {
    expect(Array.from(broadcastIndexMap([2, 1], [2, 3]))).toEqual([0, 0, 0, 1, 1, 1])
    expect(Array.from(broadcastIndexMap([3], [2, 3]))).toEqual([0, 1, 2, 0, 1, 2])
  })
})
