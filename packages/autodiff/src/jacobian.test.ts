import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { jacobian } from './jacobian'
import { jvp } from './jvp'
import { directionalDifference, forwardCases, pointAndDirection } from './testing/forwardMode'
import { vjp } from './vjp'

/** The one-hot tensor of `shape` with a 1 at flat position `i`, in float64. */
function unit(shape: readonly number[], i: number): Tensor {
  const values = new Array<number>(shape.reduce((n, d) => n * d, 1)).fill(0)
  values[i] = 1
  return t.tensor(values, shape, 'float64')
}

/** The flat values of column j of a Jacobian of shape [...out, ...leaf]. */
function column(J: Tensor, outSize: number, j: number): number[] {
  const values = J.toFlatArray()
  const leafSize = values.length / outSize
  return Array.from({ length: outSize }, (_, i) => values[i * leafSize + j]!)
}

describe('jacobian', () => {
  describe.each(forwardCases.filter((c) => c.shapes.length === 1))('of $name', ({ shapes, f }) => {
    const { xs } = pointAndDirection(shapes, 21)
    const x = xs[0]!
    const J = jacobian((p: Tensor) => f(p))(x)
    const out = f(x)

    it('has shape [...output, ...input]', () => {
      expect(J.shape).toEqual([...out.shape, ...x.shape])
    })

    it('matches central differences in float64, column by column', () => {
      for (let j = 0; j < x.size; j++) {
        const expected = directionalDifference(f, [x], [unit(x.shape, j)])
        column(J, out.size, j).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 7))
      }
    })

    it('has jvp along each basis vector as its columns and vjp of each basis cotangent as its rows', () => {
      for (let j = 0; j < x.size; j++) {
        const forward = jvp(f, [x], [unit(x.shape, j)]).tangent.toFlatArray()
        column(J, out.size, j).forEach((value, i) => expect(value).toBeCloseTo(forward[i]!, 12))
      }
      const { vjp: pull } = vjp(f, x)
      const rows = J.toFlatArray()
      for (let i = 0; i < out.size; i++) {
        expect(rows.slice(i * x.size, (i + 1) * x.size)).toEqual(pull(unit(out.shape, i)).toFlatArray())
      }
    })
  })

  it('gives each leaf of pytree params its own [...output, ...leaf] block, args passed through', () => {
    // out = w·x + b (x an argument): ∂out/∂w = diag(x), ∂out/∂b = ones of [2, 1]
    const params = { w: t.tensor([1, 2]), b: t.tensor([0.5]) }
    const J = jacobian((p: typeof params, x: Tensor) => t.add(t.mul(p.w, x), p.b))(params, t.tensor([3, 4]))
    expect(J.w.toArray()).toEqual([
      [3, 0],
      [0, 4],
    ])
    expect(J.b.toArray()).toEqual([[1], [1]])
    expect(J.w.dtype).toBe('float32')
  })

  it('gives a scalar output the gradient, and an empty output an empty Jacobian', () => {
    expect(jacobian((x: Tensor) => t.sum(t.square(x)))(t.tensor([1, 2])).toArray()).toEqual([2, 4])
    expect(jacobian((x: Tensor) => t.slice(x, [0], [0]))(t.tensor([1, 2])).shape).toEqual([0, 2])
  })

  it('is differentiable again', () => {
    // The Jacobian of x ↦ x³ is diag(3x²); its sum's gradient is 6x.
    const x = t.tensor([1, -2], undefined, 'float64')
    const J = jacobian((p: Tensor) => t.sum(jacobian((q: Tensor) => t.pow(q, 3))(p)))(x)
    expect(J.toArray()).toEqual([6, -12])
  })

  it('names itself in errors', () => {
    expect(() => jacobian((x: Tensor) => t.argMax(x))(t.ones([2]))).toThrow(
      new t.DTypeError('jacobian', 'f must return a float32 or float64 tensor, got int32'),
    )
    const ints = t.tensor([1], undefined, 'int32')
    expect(() => jacobian((x: Tensor) => t.cast(x, 'float32'))(ints)).toThrow(
      'jacobian: params has dtype int32; only float32 and float64 leaves can be differentiated',
    )
  })
})
