import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RandomState } from './RandomState'

// The tutorial's two data sets, as numpy built them (golden/numpy-randomstate.json).
interface Datasets {
  custom_loss_RandomState1: { X: number[][]; noise_rand: number[]; Y: number[]; X_f32: number[][]; Y_f32: number[] }
  regularization_150pts: {
    uniform_draws_x1_x2: number[][]
    data: number[][]
    data_f32: number[][]
    label: number[]
    count_label0: number
    count_label1: number
  }
}
const { datasets } = JSON.parse(
  readFileSync(new URL('../../../../test/golden/numpy-randomstate.json', import.meta.url), 'utf8'),
) as { datasets: Datasets }

const toFloat32 = (rows: readonly (readonly number[])[]): number[][] => rows.map((row) => row.map(Math.fround))

describe('RandomState: custom-loss data (rdm = RandomState(1); X = rdm.rand(128, 2))', () => {
  const golden = datasets.custom_loss_RandomState1
  const rdm = new RandomState(1)
  const X = rdm.rand(128, 2).toArray() as number[][]
  const noise = Array.from({ length: 128 }, () => rdm.rand())
  const Y = X.map(([x1, x2], i) => x1! + x2! + (noise[i]! / 10.0 - 0.05))

  it('gives X bit for bit, and its float32 rounding', () => {
    expect(X).toEqual(golden.X)
    expect(toFloat32(X)).toEqual(golden.X_f32)
  })

  it('draws the Y noise after all of X, bit for bit', () => {
    expect(noise).toEqual(golden.noise_rand)
    expect(Y).toEqual(golden.Y)
    expect(Y.map(Math.fround)).toEqual(golden.Y_f32)
  })
})

describe('RandomState: 150-point circle data (np.random.seed(0))', () => {
  const golden = datasets.regularization_150pts
  const rs = new RandomState(0)
  const draws: number[][] = []
  const data: number[][] = []
  const label: number[] = []
  for (let i = 0; i < 150; i++) {
    const x1 = rs.uniform(-1, 1)
    const x2 = rs.uniform(0, 2)
    draws.push([x1, x2])
    data.push([rs.normal(x1, 0.1), rs.normal(x2, 0.1)]) // left to right, as Python evaluates them
    label.push(x1 ** 2 + x2 ** 2 <= 1 ? 0 : 1)
  }

  it('draws every (x1, x2) bit for bit', () => {
    expect(draws).toEqual(golden.uniform_draws_x1_x2)
  })

  it('adds the noise bit for bit, in float64 and after rounding to float32', () => {
    expect(data).toEqual(golden.data)
    expect(toFloat32(data)).toEqual(golden.data_f32)
  })

  it('labels all points as numpy did: 60 inside the circle, 90 outside', () => {
    expect(label).toEqual(golden.label)
    expect(label.filter((l) => l === 0)).toHaveLength(golden.count_label0)
    expect(golden.count_label0).toBe(60)
    expect(label.filter((l) => l === 1)).toHaveLength(90)
  })
})
