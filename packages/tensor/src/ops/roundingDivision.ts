import { ConfigError } from '@gradstream/core'
import { broadcastShapes } from '../shape'
import { valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { checkDTypeIn, NUMERIC, unifyOperands } from './argumentChecks'
import type { Operand } from './argumentChecks'
import { binaryOp } from './elementwise'

const floorDivPrimitive = binaryOp('floorDiv', {
  dtypes: NUMERIC,
  kernelFor: { float32: 'floorDivFloat32', int32: 'floorDivInt32' },
})

const modPrimitive = binaryOp('mod', { dtypes: NUMERIC, kernelFor: { float32: 'modFloat32' } })

/**
 * `floor(a / b)` elementwise, with broadcasting (TF's `tf.floordiv`, Python's `//`). On float32 the quotient is
 * rounded to float32 before the floor, as TF computes it; `floorDiv(1, 0)` is inf. On int32 it is exact floor
 * division, and a zero anywhere in `b` is refused with a ConfigError, as TF refuses it ("Integer division by
 * zero"): check the divisor or use a float dtype. The one quotient int32 cannot hold, -2³¹ / -1, wraps to -2³¹
 * (TF's kernel leaves it undefined). Not differentiable, as in TF1.
 * @example floorDiv(tensor([7, -7], undefined, 'int32'), 2).toArray() // [3, -4]
 */
export function floorDiv(a: Operand, b: Operand): Tensor {
  const [x, y] = divisionOperands('floorDiv', a, b)
  return floorDivPrimitive(x, y)
}

/**
 * The remainder of floor division, elementwise with broadcasting: TF1's `tf.mod` (FloorMod, Python's `%`), so
 * the result has the sign of `b` and `a = floorDiv(a, b) * b + mod(a, b)` up to rounding. It computes as TF1's
 * kernel does: C's `fmod(a, b)` where the signs of `a` and `b` agree, else `fmod(fmod(a, b) + b, b)` (the sum
 * rounded to float32 on float32), so a tiny negative `a` gives 0 rather than `b`, and a finite `a` with an
 * infinite `b` of the other sign gives NaN. On int32 a zero anywhere in `b` is refused with a ConfigError, as
 * TF refuses it; on floats `mod(a, 0)` is NaN. Its gradient is TF's FloorModGrad: `g` for `a` and
 * `-g · floorDiv(a, b)` for `b`.
 * @example mod(tensor([5, -5, 5, -5]), tensor([3, 3, -3, -3])).toArray() // [2, 1, -1, -2]
 */
export function mod(a: Operand, b: Operand): Tensor {
  const [x, y] = divisionOperands('mod', a, b)
  return modPrimitive(x, y)
}

/** The operands as tensors of one dtype, with an int32 divisor that holds no zero. */
function divisionOperands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  const [x, y] = unifyOperands(op, ['a', 'b'], [a, b]) as [Tensor, Tensor]
  checkDTypeIn(op, 'a', x, NUMERIC)
  broadcastShapes(op, x.shape, y.shape)
  if (x.dtype === 'int32') {
    const zeroAt = valuesOf(y).indexOf(0)
    if (zeroAt >= 0) {
      const where = y.rank === 0 ? 'b is 0' : `b is 0 at flat index ${zeroAt}`
      throw new ConfigError(op, `integer division by zero: ${where}; TF refuses it too (use a float dtype)`)
    }
  }
  return [x, y]
}
