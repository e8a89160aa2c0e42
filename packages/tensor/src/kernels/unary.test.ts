import { describe, expect, it } from 'vitest'
import { allocate } from '../dtype'
import type { DType } from '../dtype'
import { unaryKernel } from './unary'
import type { UnaryKernelOp } from './unary'

// Scalar definitions, rounded by storing into the output like the kernels.
// erf has no exact scalar definition to compare with: erf.test.ts checks it within a tolerance.
const SCALAR: Omit<Record<UnaryKernelOp, (x: number) => number>, 'erf'> = {
  neg: (x) => -x,
  square: (x) => x * x,
  squareInt32: (x) => Math.imul(x, x),
  sqrt: Math.sqrt,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  sigmoidFloat32: (x) => 1 / Math.fround(1 + Math.fround(Math.exp(-x))),
  tanh: Math.tanh,
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  // Half to even by its definition, independently of the kernel's steps; +0 for a negative that rounds to zero,
  // as TF1's kernel gives.
  round: (x) => {
    if (!Number.isFinite(x) || Object.is(x, -0)) return x
    const nearest = Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)
    return nearest === 0 ? 0 : nearest
  },
  floor: Math.floor,
  ceil: Math.ceil,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  expm1: Math.expm1,
  isNaN: (x) => +Number.isNaN(x),
  isFinite: (x) => +Number.isFinite(x),
  isInf: (x) => +(x === Infinity || x === -Infinity),
  logicalNot: (x) => 1 - x,
}

const VALUES = [0, -0, 1, -1, 0.5, -2.75, 3e5, -7e-3, 1e-40, 88.5, -104, Infinity, -Infinity, NaN]

describe('unaryKernel', () => {
  for (const op of Object.keys(SCALAR) as (keyof typeof SCALAR)[]) {
    const dtypes: DType[] = op.endsWith('Int32') ? ['int32'] : op === 'logicalNot' ? ['bool'] : ['float32', 'float64']
    it(`computes ${op} like its scalar definition, special values included`, () => {
      for (const dtype of dtypes) {
        const x = allocate(dtype, VALUES.length + 1000)
        x.set(dtype === 'bool' ? VALUES.map((v) => +(v > 0)) : VALUES)
        for (let i = VALUES.length; i < x.length; i++)
          x[i] = dtype === 'bool' ? i & 1 : Math.sin(i) * 10 ** ((i % 9) - 4)
        const expected = allocate(dtype, x.length)
        x.forEach((v, i) => (expected[i] = SCALAR[op](v)))
        expect(unaryKernel(op, x, dtype), dtype).toEqual(expected)
      }
    })
  }
})
