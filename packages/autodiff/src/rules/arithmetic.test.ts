// Gradients of the elementwise primitives and composites added beside
// TF1's arithmetic: conventions at zeros and poles, and ops with none.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { grad } from '../valueAndGrad'

const f32 = Math.fround
const f64 = (values: number[]) => t.tensor(values, undefined, 'float64')
const gradOf = (fn: (x: Tensor) => Tensor, x: Tensor) => grad((p: Tensor) => t.sum(fn(p)))(x).toFlatArray()
const gradsOf = (fn: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor) => {
  const grads = grad((p: { a: Tensor; b: Tensor }) => t.sum(fn(p.a, p.b)))({ a, b })
  return [grads.a.toFlatArray(), grads.b.toFlatArray()]
}

describe('ops without a gradient in TF1', () => {
  it.each([
    ['floor', t.floor],
    ['ceil', t.ceil],
    ['round', t.round],
    ['floorDiv by 2', (x: Tensor) => t.floorDiv(x, 2)],
  ])('%s passes none: x + op(x) has gradient 1', (_name, op) => {
    expect(gradOf((x) => t.add(x, op(x)), t.tensor([-1.5, 0.3, 2.5]))).toEqual([1, 1, 1])
  })

  it('isNaN, isFinite and isInf only steer a selection', () => {
    const x = t.tensor([1, Infinity, 2])
    expect(gradOf((p) => t.where(t.isFinite(p), t.mul(p, 3), 0), x)).toEqual([3, 0, 3])
    expect(gradOf((p) => t.where(t.isInf(p), 0, t.mul(p, 2)), x)).toEqual([2, 0, 2])
    expect(gradOf((p) => t.where(t.isNaN(p), 0, p), x)).toEqual([1, 1, 1])
  })
})

describe('mod', () => {
  it("has TF1's FloorModGrad: g for a and -floorDiv(a, b) · g for b", () => {
    const [da, db] = gradsOf(t.mod, t.tensor([5, -5, 7.5]), t.tensor([3, 3, -2]))
    expect(da).toEqual([1, 1, 1])
    expect(db).toEqual([-1, 2, 4])
  })
})

describe('divNoNan', () => {
  it('has gradient 0 for both operands where b is 0, even for an infinite a, and a / b’s elsewhere', () => {
    const [da, db] = gradsOf(t.divNoNan, f64([3, Infinity, 3]), f64([0, 0, 2]))
    expect(da).toEqual([0, 0, 0.5])
    expect(db).toEqual([0, 0, -0.75])
  })
})

describe('squaredDifference', () => {
  it("has TF's gradient 2 · (a - b) for a and its negation for b, summed over broadcast axes", () => {
    const [da, db] = gradsOf(t.squaredDifference, t.tensor([[1], [4]]), t.tensor([0, 2]))
    expect(da).toEqual([2 + -2, 8 + 4])
    expect(db).toEqual([-2 - 8, 2 - 4])
  })
})

describe('reciprocal and rsqrt', () => {
  it("take TF's gradients from the output: -g · y · y and -0.5 · g · y³", () => {
    expect(gradOf(t.reciprocal, t.tensor([4, -0.5]))).toEqual([-0.0625, -4])
    expect(gradOf(t.rsqrt, t.tensor([4, 0.25]))).toEqual([-0.0625, -4])
  })

  it('are infinite at 0', () => {
    expect(gradOf(t.reciprocal, t.tensor([0]))).toEqual([-Infinity])
    expect(gradOf(t.rsqrt, t.tensor([0]))).toEqual([-Infinity])
  })
})

describe('erf and expm1', () => {
  it('have gradients 2/√π · exp(-x²) and exp(x)', () => {
    expect(gradOf(t.erf, t.tensor([0]))).toEqual([f32(2 / Math.sqrt(Math.PI))])
    expect(gradOf(t.expm1, f64([0, 1]))).toEqual([1, Math.E])
  })
})

describe('trigonometric functions', () => {
  it('asin and acos have infinite gradients at ±1, as TF', () => {
    expect(gradOf(t.asin, t.tensor([1, -1, 0]))).toEqual([Infinity, Infinity, 1])
    expect(gradOf(t.acos, t.tensor([1, 0]))).toEqual([-Infinity, -1])
  })

  it('atan2 sends x / r² to y and -y / r² to x', () => {
    const [dy, dx] = gradsOf(t.atan2, f64([3]), f64([4]))
    expect(dy).toEqual([4 / 25])
    expect(dx).toEqual([-3 / 25])
  })

  it('differentiate again: the second derivative of sin is -sin and of cosh is cosh', () => {
    const second = (f: (x: Tensor) => Tensor, x: Tensor) =>
      grad((p: Tensor) => t.sum(grad((q: Tensor) => t.sum(f(q)))(p)))(x).toFlatArray()
    const x = [-1.2, 0.4, 2]
    second(t.sin, f64(x)).forEach((v, i) => expect(v).toBeCloseTo(-Math.sin(x[i]!), 14))
    second(t.cosh, f64(x)).forEach((v, i) => expect(v).toBeCloseTo(Math.cosh(x[i]!), 14))
  })
})
