import type { DType, TypedArray } from './dtype'

/**
 * The spellings of the numbers JSON cannot hold exactly: `JSON.stringify`
 * writes NaN and ±Infinity as `null` and -0 as `0`. They are written as these
 * strings instead, as protobuf's JSON mapping does for NaN and the infinities.
 */
export type JSONSpecialNumber = 'NaN' | 'Infinity' | '-Infinity' | '-0'

/**
 * A tensor as plain JSON values, from `Tensor.toJSON()` (so `JSON.stringify`
 * writes it) and read back by `tensorFromJSON`. `data` holds the values in
 * row-major order: numbers (bools as 0 and 1), except NaN, ±Infinity and -0,
 * which are the strings of {@link JSONSpecialNumber}.
 * @example const json: TensorJSON = { dtype: 'float32', shape: [2], data: [1, 'NaN'] }
 */
export interface TensorJSON {
  readonly dtype: DType
  readonly shape: readonly number[]
  readonly data: readonly (number | JSONSpecialNumber)[]
}

/** The JSON form of storage of `dtype` and `shape`. Internal: `Tensor.toJSON()` calls it. */
export function encodeTensorJSON(values: TypedArray, shape: readonly number[], dtype: DType): TensorJSON {
  const data = new Array<number | JSONSpecialNumber>(values.length)
  for (let i = 0; i < values.length; i++) data[i] = jsonNumber(values[i]!)
  return { dtype, shape: shape.slice(), data }
}

function jsonNumber(x: number): number | JSONSpecialNumber {
  if (Number.isFinite(x)) return Object.is(x, -0) ? '-0' : x
  if (Number.isNaN(x)) return 'NaN'
  return x > 0 ? 'Infinity' : '-Infinity'
}

/** The number a {@link TensorJSON} data entry stands for, or undefined for anything else. */
export function numberFromJSON(entry: unknown): number | undefined {
  if (typeof entry === 'number') return entry
  switch (entry) {
    case 'NaN':
      return NaN
    case 'Infinity':
      return Infinity
    case '-Infinity':
      return -Infinity
    case '-0':
      return -0
    default:
      return undefined
  }
}
