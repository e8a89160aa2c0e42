import { ConfigError, ShapeError, describe, isPlainObject } from '@gradstream/core'
import { allocate, checkDType, roundTo } from './dtype'
import { checkHolds } from './ops/argumentChecks'
import { checkShape, formatShape, sizeOf } from './shape'
import { fromKernel } from './tensor'
import type { Tensor } from './tensor'
import { numberFromJSON } from './tensorJSON'
import type { TensorJSON } from './tensorJSON'

const FN = 'tensorFromJSON'

/**
 * The tensor a {@link TensorJSON} describes: the inverse of `Tensor.toJSON()`,
 * also after a trip through `JSON.stringify` and `JSON.parse`, with the same
 * bits (every NaN comes back as the canonical quiet NaN). Each value is
 * stored as `tensor()` stores it, so float32 data written by `toJSON` comes
 * back exactly. Unknown keys are refused, so a misspelt field fails loudly.
 *
 * @throws ConfigError when `json` is not an object with exactly `dtype`,
 * `shape` and `data`, or a data entry is neither a number nor one of the
 * strings 'NaN', 'Infinity', '-Infinity', '-0'; DTypeError for an unknown
 * dtype or an int32 value int32 cannot hold; ShapeError for a bad shape or a
 * data length other than the shape's size.
 * @example
 * const t = tensorFromJSON(JSON.parse(JSON.stringify(tensor([1, NaN, -Infinity]))))
 * t.toArray() // [1, NaN, -Infinity]
 */
export function tensorFromJSON(json: TensorJSON): Tensor {
  if (!isPlainObject(json))
    throw new ConfigError(FN, `json must be an object { dtype, shape, data }, got ${describe(json)}`)
  const unknown = Object.keys(json).filter((key) => !['dtype', 'shape', 'data'].includes(key))
  if (unknown.length > 0) {
    throw new ConfigError(FN, `unknown key '${unknown[0]}'; expected dtype, shape and data`)
  }
  const { dtype, shape, data } = json
  checkDType(FN, dtype)
  checkShape(FN, shape)
  if (!Array.isArray(data)) throw new ConfigError(FN, `data must be an array, got ${describe(data)}`)
  if (data.length !== sizeOf(shape)) {
    throw new ShapeError(FN, `shape ${formatShape(shape)} needs ${sizeOf(shape)} values, got ${data.length}`)
  }
  const storage = allocate(dtype, data.length)
  for (let i = 0; i < data.length; i++) {
    const x = numberFromJSON(data[i])
    if (x === undefined) {
      throw new ConfigError(
        FN,
        `data[${i}] must be a number or one of 'NaN', 'Infinity', '-Infinity', '-0', got ${describe(data[i])}`,
      )
    }
    checkHolds(FN, `data[${i}]`, x, dtype)
    storage[i] = roundTo(dtype, x)
  }
  return fromKernel(storage, shape.slice(), dtype)
}
