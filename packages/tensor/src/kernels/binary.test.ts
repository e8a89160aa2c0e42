import { describe, expect, it } from 'vitest'
import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { broadcastShapes, sizeOf } from '../shape'
import type { Shape } from '../shape'
import { binaryKernel } from './binary'
import { broadcastIndexMap } from './broadcast'
import type { BinaryKernelOp } from './binaryLoops'
import { selectKernel } from './select'

/** Deterministic small values from an LCG, with NaN, ±0 and repeats so comparisons and ties occur. */
function randomValues(dtype: DType, size: number, seed: number): TypedArray {
  const values = allocate(dtype, size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const special = [NaN, -0, 0][state % 17]
    values[i] = dtype === 'bool' ? state & 1 : (special ?? ((state >>> 8) % 9) - 4 + (dtype === 'int32' ? 0 : 0.5))
  }
  return values
}

/** Random shape pairs that broadcast: some axes set to 1 in one operand, some leading axes dropped. */
function randomShapePairs(count: number): [Shape, Shape][] {
  const pairs: [Shape, Shape][] = []
  let state = 12345
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state >>> 8) % n
  }
  for (let c = 0; c < count; c++) {
    const out = Array.from({ length: next(5) }, () => 1 + next(4))
    const operand = () => out.slice(next(out.length + 1)).map((d) => (next(3) === 0 ? 1 : d))
    pairs.push([operand(), operand()])
  }
  return pairs
}

// Scalar definitions of the ops, for the reference: numpy broadcasting through an index map.
const SCALAR: Partial<Record<BinaryKernelOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  maximum: Math.max,
  minimum: Math.min,
  greater: (a, b) => +(a > b),
  lessEqual: (a, b) => +(a <= b),
  notEqual: (a, b) => +(a !== b),
  mulInt32: Math.imul,
  floorDivInt32: (a, b) => Math.floor(a / b),
  floorDiv: (a, b) => Math.floor(a / b),
  floorDivFloat32: (a, b) => Math.floor(Math.fround(a / b)),
  // Floored remainder with the divisor's sign, in TF1's two fmod steps.
  mod: (a, b) => (a < 0 === b < 0 ? a % b : ((a % b) + b) % b),
  modFloat32: (a, b) => (a < 0 === b < 0 ? a % b : Math.fround((a % b) + b) % b),
  atan2: Math.atan2,
  // relu's gradient: dy (a) unless relu's output (b) is <= 0; a NaN output passes dy.
  reluGrad: (dy, y) => (y > 0 || Number.isNaN(y) ? dy : 0),
}

function reference(op: BinaryKernelOp, a: TypedArray, aShape: Shape, b: TypedArray, bShape: Shape, outDType: DType) {
  const outShape = broadcastShapes('reference', aShape, bShape)
  const [mapA, mapB] = [broadcastIndexMap(aShape, outShape), broadcastIndexMap(bShape, outShape)]
  const out = allocate(outDType, sizeOf(outShape))
  for (let i = 0; i < out.length; i++) out[i] = SCALAR[op]!(a[mapA[i]!]!, b[mapB[i]!]!)
  return out
}

describe('binaryKernel', () => {
  const pairs = randomShapePairs(200)

  for (const op of Object.keys(SCALAR) as BinaryKernelOp[]) {
    const dtype: DType = op.endsWith('Int32') ? 'int32' : 'float32'
    const outDType: DType = ['greater', 'lessEqual', 'notEqual'].includes(op) ? 'bool' : dtype
    it(`computes ${op} like the index-map reference on 200 random broadcasts`, () => {
      pairs.forEach(([aShape, bShape], p) => {
        const a = randomValues(dtype, sizeOf(aShape), 2 * p + 1)
        const b = randomValues(dtype, sizeOf(bShape), 2 * p + 2)
        const outShape = broadcastShapes(op, aShape, bShape)
        const actual = binaryKernel(op, a, b, { aShape, bShape, outShape }, outDType)
        expect(actual, `[${aShape.join(', ')}] with [${bShape.join(', ')}]`).toEqual(
          reference(op, a, aShape, b, bShape, outDType),
        )
      })
    })
  }

  it('takes each common layout: same shape, scalar, row, column, outer product, middle axis', () => {
    const layouts: [Shape, Shape][] = [
      [
        [150, 10],
        [150, 10],
      ],
      [[150, 10], []],
      [[1], [150, 1]],
      [[150, 10], [10]],
      [
        [150, 10],
        [150, 1],
      ],
      [
        [150, 1],
        [1, 10],
      ],
      [
        [2, 3, 4],
        [3, 1],
      ],
      [[0, 3], [3]],
    ]
    layouts.forEach(([aShape, bShape], l) => {
      const a = randomValues('float64', sizeOf(aShape), l + 1)
      const b = randomValues('float64', sizeOf(bShape), l + 50)
      const outShape = broadcastShapes('sub', aShape, bShape)
      expect(binaryKernel('sub', a, b, { aShape, bShape, outShape }, 'float64')).toEqual(
        reference('sub', a, aShape, b, bShape, 'float64'),
      )
      expect(binaryKernel('sub', b, a, { aShape: bShape, bShape: aShape, outShape }, 'float64')).toEqual(
        reference('sub', b, bShape, a, aShape, 'float64'),
      )
    })
  })

  it('squares when both operands are the same array', () => {
    const x = randomValues('float32', 1000, 9)
    expect(binaryKernel('mul', x, x, { aShape: [1000], bShape: [1000], outShape: [1000] }, 'float32')).toEqual(
      reference('mul', x, [1000], x.slice(), [1000], 'float32'),
    )
  })

  it('rounds each result once to float32 on storing', () => {
    const out = binaryKernel(
      'add',
      Float32Array.of(1),
      Float32Array.of(2 ** -24),
      { aShape: [1], bShape: [1], outShape: [1] },
      'float32',
    )
    expect(out[0]).toBe(1) // 1 + 2^-24 is a tie, rounded to even
  })
})

describe('selectKernel', () => {
  it('picks like the index-map reference on 200 random broadcasts of three operands', () => {
    randomShapePairs(200).forEach(([aShape, bShape], p) => {
      const conditionShape = p % 2 === 0 ? aShape.slice(1) : bShape
      const outShape = broadcastShapes('where', broadcastShapes('where', conditionShape, aShape), bShape)
      const condition = randomValues('bool', sizeOf(conditionShape), 3 * p + 1)
      const a = randomValues('float32', sizeOf(aShape), 3 * p + 2)
      const b = randomValues('float32', sizeOf(bShape), 3 * p + 3)
      const maps = [conditionShape, aShape, bShape].map((shape) => broadcastIndexMap(shape, outShape))
      const expected = new Float32Array(sizeOf(outShape))
      for (let i = 0; i < expected.length; i++) {
        expected[i] = condition[maps[0]![i]!] ? a[maps[1]![i]!]! : b[maps[2]![i]!]!
      }
      expect(selectKernel(condition, a, b, { conditionShape, aShape, bShape, outShape }, 'float32')).toEqual(expected)
    })
  })
})
