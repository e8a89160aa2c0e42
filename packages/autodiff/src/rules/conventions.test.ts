// Gradients at kinks, ties and poles: exact values chosen by convention
// (TensorFlow 1.x's), which finite differences cannot check.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { grad } from '../valueAndGrad'

const f64 = (values: number[] | number[][]) => t.tensor(values, undefined, 'float64')
const gradOf = (fn: (x: Tensor) => Tensor, x: Tensor) => grad((p: Tensor) => t.sum(fn(p)))(x).toArray()

describe('relu', () => {
  it('has gradient 0 at 0', () => {
    expect(gradOf(t.relu, t.tensor([-1, 0, 2]))).toEqual([0, 0, 1])
  })
})

describe('maximum and minimum', () => {
  it('send the whole gradient of a tie to the first argument', () => {
    const a = t.tensor([1, 2, 3])
    const b = t.tensor([1, 1, 4])
    const both = (op: typeof t.maximum) => grad((p: { a: Tensor; b: Tensor }) => t.sum(op(p.a, p.b)))({ a, b })
    expect(both(t.maximum).a.toArray()).toEqual([1, 1, 0])
    expect(both(t.maximum).b.toArray()).toEqual([0, 0, 1])
    expect(both(t.minimum).a.toArray()).toEqual([1, 0, 1])
    expect(both(t.minimum).b.toArray()).toEqual([0, 1, 0])
  })
})

describe('clipByValue', () => {
  it('passes the gradient on [lo, hi], both ends included', () => {
    expect(gradOf((x) => t.clipByValue(x, 0, 1), t.tensor([-0.5, 0, 0.5, 1, 1.5]))).toEqual([0, 1, 1, 1, 0])
  })
})

describe('l2Loss', () => {
  it("is TF's L2LossGrad x · g, one float32 rounding per element", () => {
    const x = t.tensor([0.1, -2.7, 3.3e-5, 0])
    const g = grad((p: Tensor) => t.mul(t.l2Loss(p), 0.003))(x).toFlatArray()
    expect(g).toEqual(x.toFlatArray().map((v) => Math.fround(v * Math.fround(0.003))))
  })

  it('differentiates again: its Hessian-vector product is the vector itself', () => {
    const v = f64([0.5, -1.25, 2])
    const hvp = grad((w: Tensor) => t.sum(t.mul(grad(t.l2Loss)(w), v)))(f64([1, 2, 3]))
    expect(hvp.toArray()).toEqual([0.5, -1.25, 2])
  })
})

describe('abs', () => {
  it('has gradient 0 at 0 and the sign elsewhere', () => {
    expect(gradOf(t.abs, t.tensor([-2, 0, 3]))).toEqual([-1, 0, 1])
  })
})

describe('sqrt and log', () => {
  it('have an infinite gradient at 0, as TensorFlow', () => {
    expect(gradOf(t.sqrt, t.tensor([0, 4]))).toEqual([Infinity, 0.25])
    expect(gradOf(t.log, t.tensor([0, 4]))).toEqual([Infinity, 0.25])
  })
})

describe('max and min reductions', () => {
  it('split the gradient equally among ties', () => {
    expect(gradOf(t.max, t.tensor([1, 3, 3]))).toEqual([0, 0.5, 0.5])
    expect(
      gradOf(
        (x) => t.min(x, 1),
        t.tensor([
          [2, 2, 5],
          [1, 4, 1],
        ]),
      ),
    ).toEqual([
      [0.5, 0.5, 0],
      [0.5, 0, 0.5],
    ])
    expect(gradOf((x) => t.max(x, 0, true), f64([[7], [7], [7]]))).toEqual([[1 / 3], [1 / 3], [1 / 3]])
  })
})

describe('prod', () => {
  it('is exact where inputs are zero', () => {
    expect(gradOf(t.prod, t.tensor([2, 0, 3]))).toEqual([0, 6, 0])
    expect(gradOf(t.prod, t.tensor([0, 0, 3]))).toEqual([0, 0, 0])
    expect(
      gradOf(
        (x) => t.prod(x, 1),
        t.tensor([
          [0, 5],
          [2, 3],
        ]),
      ),
    ).toEqual([
      [5, 0],
      [3, 2],
    ])
  })
})

describe('pow', () => {
  it('differentiates the base and, where the base is positive, the exponent', () => {
    const at = (base: number, exponent: number) =>
      grad((p: { a: Tensor; b: Tensor }) => t.pow(p.a, p.b))({
        a: t.scalar(base, 'float64'),
        b: t.scalar(exponent, 'float64'),
      })
    expect([at(2, 3).a.item(), at(2, 3).b.item()]).toEqual([12, 8 * Math.log(2)])
    expect([at(0, 2).a.item(), at(0, 2).b.item()]).toEqual([0, 0])
    expect([at(-2, 3).a.item(), at(-2, 3).b.item() + 0]).toEqual([12, 0]) // + 0 turns -0 into 0
  })
})

describe('elu', () => {
  it('has gradient 1 at 0 and exp(x) below', () => {
    const g = gradOf(t.elu, f64([-1, 0, 2])) as number[]
    expect(g[0]).toBeCloseTo(Math.exp(-1), 15)
    expect(g.slice(1)).toEqual([1, 1])
  })
})

describe('where and comparisons', () => {
  it('send nothing to the condition', () => {
    expect(gradOf((x) => t.where(t.greater(x, 0), t.mul(x, 3), t.neg(x)), t.tensor([-2, 0, 2]))).toEqual([-1, -1, 3])
    expect(gradOf((x) => t.cast(t.greater(x, 0), 'float32'), t.tensor([-2, 2]))).toEqual([0, 0])
  })
})

describe('sigmoid', () => {
  it('rounds its float32 gradient as TF1: (g * y) * (1 - y)', () => {
    const x = 0.7
    const y = Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-Math.fround(x)))))
    const expected = Math.fround(Math.fround(1 * y) * Math.fround(1 - y))
    expect(gradOf(t.sigmoid, t.tensor([x]))).toEqual([expected])
    expect(gradOf(t.sigmoid, t.tensor([0]))).toEqual([0.25])
  })
})

describe('mean', () => {
  it('divides by the size of the reduced axes', () => {
    expect(gradOf((x) => t.mean(x, 1), t.ones([2, 4]))).toEqual([
      [0.25, 0.25, 0.25, 0.25],
      [0.25, 0.25, 0.25, 0.25],
    ])
    expect(gradOf(t.mean, t.ones([8]))).toEqual(Array(8).fill(0.125))
  })
})

describe('softmax and logSoftmax', () => {
  it('have finite gradients at large logits', () => {
    const w = t.tensor([1, 0])
    expect(gradOf((x) => t.mul(t.softmax(x), w), t.tensor([1000, 1000]))).toEqual([0.25, -0.25])
    expect(gradOf((x) => t.mul(t.logSoftmax(x), w), t.tensor([1000, 0]))).toEqual([0, 0])
  })
})

describe('stopGradient', () => {
  it('treats its result as a constant', () => {
    expect(gradOf((x) => t.mul(x, t.stopGradient(x)), t.tensor([1, 2]))).toEqual([1, 2])
  })
})

describe('cumprod', () => {
  it('divides by x, as TensorFlow, so it is not finite at zeros', () => {
    expect(gradOf(t.cumprod, t.tensor([2, 3]))).toEqual([4, 2])
    expect((gradOf(t.cumprod, t.tensor([0, 3])) as number[]).some((g) => !Number.isFinite(g))).toBe(true)
  })
})

describe('topk', () => {
  it('sends the gradient of a tie to the lower index, the one it picked', () => {
    // k = 2 of [3, 5, 5, 1]: the values 5 and 5 come from indices 1 and 2; of [5, 3, 5], k = 1 takes index 0.
    expect(gradOf((x) => t.topk(x, 2).values, t.tensor([3, 5, 5, 1]))).toEqual([0, 1, 1, 0])
    expect(gradOf((x) => t.topk(x, 1).values, t.tensor([5, 3, 5]))).toEqual([1, 0, 0])
    expect(
      gradOf(
        (x) => t.topk(x, 1).values,
        t.tensor([
          [2, 7, 7],
          [4, 4, 1],
        ]),
      ),
    ).toEqual([
      [0, 1, 0],
      [1, 0, 0],
    ])
  })
})
