import { describe, expect, it } from 'vitest'
import {
  DTypeError,
  ShapeError,
  add,
  elu,
  eluGrad,
  gelu,
  leakyRelu,
  less,
  logSigmoid,
  logSoftmax,
  mul,
  randomUniform,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softmax,
  softplus,
  tanh,
  tensor,
  where,
} from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

/** Softmax of one row with the kernel's float32 steps: shift by the max, exp, sequential sum, divide. */
function softmaxRowF32(row: number[]): number[] {
  const top = Math.max(...row)
  const e = row.map((x) => f32(Math.exp(f32(x - top))))
  let total = 0
  for (const v of e) total = f32(total + v)
  return e.map((v) => f32(v / total))
}

const activations = {
  sigmoid,
  tanh,
  elu,
  relu,
  softplus,
  softmax,
  logSoftmax,
  leakyRelu,
  relu6,
  selu,
  gelu,
  silu,
  logSigmoid,
}

describe.each(Object.entries(activations))('%s (shared checks)', (name, op) => {
  const argument = name === 'softmax' || name === 'logSoftmax' ? 'logits' : 'x'

  it('throws when the argument is not a Tensor', () => {
    expect(() => op('x' as never)).toThrow(new DTypeError(name, `argument '${argument}' must be a Tensor, got "x"`))
    expect(() => op([0.5] as never)).toThrow(
      new DTypeError(name, `argument '${argument}' must be a Tensor, got an array`),
    )
  })

  it('rejects bool tensors', () => {
    expect(() => op(tensor([true]))).toThrow(DTypeError)
  })

  it('keeps shape and dtype and leaves the input untouched', () => {
    const x = tensor([
      [-1, 0.5],
      [2, -3],
    ])
    const out = op(x)
    expect(out.shape).toEqual([2, 2])
    expect(out.dtype).toBe('float32')
    expect(op(float64([1, 2])).dtype).toBe('float64')
    expect(x.toArray()).toEqual([
      [-1, 0.5],
      [2, -3],
    ])
  })

  it('maps NaN to NaN', () => {
    expect(op(tensor([NaN])).toArray()).toEqual([NaN])
  })
})

describe('sigmoid', () => {
  it('computes 1 / (1 + exp(-x)) with each step rounded to float32, as TF1 does', () => {
    const xs = [0, 1, -1, 0.3, 5, -7]
    const expected = xs.map((x) => f32(1 / f32(1 + f32(Math.exp(-x)))))
    expect(sigmoid(tensor(xs)).toArray()).toEqual(expected)
    expect(expected[0]).toBe(0.5)
  })

  it('saturates to exactly 0 and 1 far from 0', () => {
    expect(sigmoid(tensor([-100, 20, 100])).toArray()).toEqual([0, 1, 1])
  })

  it('is computed in double for float64', () => {
    expect(sigmoid(float64([0.3])).toArray()).toEqual([1 / (1 + Math.exp(-0.3))])
  })

  it('rejects int32', () => {
    expect(() => sigmoid(int32([1]))).toThrow(
      new DTypeError('sigmoid', 'x must have dtype float32 or float64, got int32'),
    )
  })
})

describe('tanh', () => {
  it('is the hyperbolic tangent rounded to float32', () => {
    const xs = [0, 0.5, -2, 20]
    expect(tanh(tensor(xs)).toArray()).toEqual(xs.map((x) => f32(Math.tanh(x))))
    expect(tanh(tensor([20, -20])).toArray()).toEqual([1, -1])
  })
})

describe('elu', () => {
  it('is x above 0 and exp(x) - 1 at and below 0', () => {
    expect(elu(tensor([1, 2.5, 0, -1, -100])).toArray()).toEqual([1, 2.5, 0, f32(Math.expm1(-1)), -1])
  })

  it('uses expm1, so tiny negative inputs keep their precision', () => {
    const tiny = f32(-1e-9)
    expect(elu(tensor([tiny])).toArray()).toEqual([f32(Math.expm1(tiny))])
  })
})

describe('eluGrad', () => {
  it('is dy * (y + 1) where y < 0 and dy elsewhere, rounding y + 1 to float32 first as TF does', () => {
    const dy = [0.3, -1.7, 2, 5]
    const y = [-0.1, -0.9999, 0, 1.5]
    const expected = [f32(f32(0.3) * f32(f32(-0.1) + 1)), f32(f32(-1.7) * f32(f32(-0.9999) + 1)), 2, 5]
    expect(eluGrad(tensor(dy), tensor(y)).toArray()).toEqual(expected)
  })

  it('equals the four-op form where(y < 0, (y + 1) * dy, dy) bit for bit', () => {
    const dy = randomUniform([64], { minval: -3, maxval: 3, seed: 4 })
    const y = elu(randomUniform([64], { minval: -3, maxval: 3, seed: 5 }))
    expect(eluGrad(dy, y)).toEqual(where(less(y, 0), mul(add(y, 1), dy), dy))
  })

  it('broadcasts, propagates NaN in dy, passes dy where y is NaN (as TF), and works in float64', () => {
    expect(eluGrad(tensor([[2], [4]]), tensor([-0.5, 1])).toArray()).toEqual([
      [1, 2],
      [2, 4],
    ])
    expect(
      eluGrad(tensor([NaN, 1]), tensor([-1, NaN]))
        .toFlatArray()
        .map(Number.isNaN),
    ).toEqual([true, false])
    expect(eluGrad(tensor([3], undefined, 'float64'), tensor([-0.1], undefined, 'float64')).toArray()).toEqual([
      3 * 0.9,
    ])
  })

  it('rejects integer tensors', () => {
    expect(() => eluGrad(tensor([1], undefined, 'int32'), tensor([1], undefined, 'int32'))).toThrow(
      'eluGrad: a must have dtype float32 or float64, got int32',
    )
  })
})

describe('relu', () => {
  it('is max(x, 0), with relu(0) = 0', () => {
    expect(relu(tensor([-1, 0, 2, -0.5, Infinity, -Infinity])).toArray()).toEqual([0, 0, 2, 0, Infinity, 0])
  })

  it('maps -0 to +0', () => {
    expect(Object.is((relu(tensor([-0])).toArray() as number[])[0], 0)).toBe(true)
  })

  it('passes NaN through', () => {
    expect(relu(tensor([NaN, -1])).toArray()).toEqual([NaN, 0])
  })

  it('works on int32', () => {
    const out = relu(int32([-3, 4]))
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toEqual([0, 4])
  })

  it('rejects bool naming relu', () => {
    expect(() => relu(tensor([true]))).toThrow(
      new DTypeError('relu', 'x must have dtype float32 or float64 or int32, got bool'),
    )
  })
})

describe('softplus', () => {
  it('is close to log(1 + exp(x)) in double', () => {
    const xs = [-5, -1, -0.25, 0, 0.25, 1, 5]
    const out = softplus(tensor(xs)).toArray() as number[]
    xs.forEach((x, i) => expect(out[i]).toBeCloseTo(Math.log1p(Math.exp(x)), 6))
  })

  it('gives float32 log(2) at 0', () => {
    expect(softplus(tensor([0])).toArray()).toEqual([f32(Math.LN2)])
  })

  it('does not overflow for large inputs', () => {
    expect(softplus(tensor([100, 1000])).toArray()).toEqual([100, 1000])
    const tiny = softplus(tensor([-100])).item()
    expect(tiny).toBeGreaterThan(0)
    expect(tiny).toBeLessThan(1e-40)
  })

  it('rejects int32 naming softplus', () => {
    expect(() => softplus(int32([1]))).toThrow(
      new DTypeError('softplus', 'x must have dtype float32 or float64, got int32'),
    )
  })
})

describe('softmax', () => {
  it('matches the float32 step-by-step reference along the last axis', () => {
    const rows = [
      [1, 2, 3],
      [0.5, -0.5, 0.25],
    ]
    expect(softmax(tensor(rows)).toArray()).toEqual(rows.map(softmaxRowF32))
  })

  it('is within float32 precision of the double formula and sums to 1', () => {
    const row = [1, 2, 3, 4]
    const total = row.reduce((s, x) => s + Math.exp(x), 0)
    const out = softmax(tensor(row)).toArray() as number[]
    row.forEach((x, i) => expect(out[i]).toBeCloseTo(Math.exp(x) / total, 7))
    expect(out.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6)
  })

  it('is stable for large logits', () => {
    expect(softmax(tensor([1000, 1000])).toArray()).toEqual([0.5, 0.5])
    expect(softmax(tensor([1000, 0])).toArray()).toEqual([1, 0])
    expect(softmax(tensor([-1000, -1000, -1000])).toArray()).toEqual([f32(1 / 3), f32(1 / 3), f32(1 / 3)])
  })

  it('gives -Infinity logits probability 0', () => {
    expect(softmax(tensor([0, -Infinity])).toArray()).toEqual([1, 0])
  })

  it('normalises along the given axis, negative counting from the end', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ])
    const [low, high] = softmaxRowF32([1, 3])
    expect(softmax(x, 0).toArray()).toEqual([
      [low, low],
      [high, high],
    ])
    expect(softmax(x, -2).toArray()).toEqual(softmax(x, 0).toArray())
    expect(softmax(x, 1).toArray()).toEqual(softmax(x).toArray())
  })

  it('makes a row with NaN all NaN and leaves other rows alone', () => {
    expect(
      softmax(
        tensor([
          [NaN, 1],
          [0, 0],
        ]),
      ).toArray(),
    ).toEqual([
      [NaN, NaN],
      [0.5, 0.5],
    ])
  })

  it('throws naming softmax for a bad axis or dtype', () => {
    expect(() => softmax(tensor([[1, 2]]), 2)).toThrow(
      new ShapeError('softmax', 'axis 2 is out of range for a tensor of rank 2'),
    )
    expect(() => softmax(int32([1, 2]))).toThrow(
      new DTypeError('softmax', 'logits must have dtype float32 or float64, got int32'),
    )
  })
})

describe('logSoftmax', () => {
  it('gives -log(2) for two equal logits', () => {
    expect(logSoftmax(tensor([0, 0])).toArray()).toEqual([-f32(Math.LN2), -f32(Math.LN2)])
  })

  it('is within float32 precision of x - log(sum(exp(x)))', () => {
    const row = [1, 2, 3]
    const lse = Math.log(row.reduce((s, x) => s + Math.exp(x), 0))
    const out = logSoftmax(tensor(row)).toArray() as number[]
    row.forEach((x, i) => expect(out[i]).toBeCloseTo(x - lse, 6))
  })

  it('is stable for large logits', () => {
    expect(logSoftmax(tensor([1000, 0])).toArray()).toEqual([0, -1000])
    expect(logSoftmax(tensor([-1000, -1000])).toArray()).toEqual([-f32(Math.LN2), -f32(Math.LN2)])
  })

  it('works along axis 0', () => {
    const out = logSoftmax(tensor([[0], [0]]), 0).toArray()
    expect(out).toEqual([[-f32(Math.LN2)], [-f32(Math.LN2)]])
  })

  it('throws naming logSoftmax for a bad axis or dtype', () => {
    expect(() => logSoftmax(tensor([1, 2]), -2)).toThrow(
      new ShapeError('logSoftmax', 'axis -2 is out of range for a tensor of rank 1'),
    )
    expect(() => logSoftmax(int32([1]))).toThrow(
      new DTypeError('logSoftmax', 'logits must have dtype float32 or float64, got int32'),
    )
  })
})
