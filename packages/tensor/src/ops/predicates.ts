import { FLOAT } from './argumentChecks'
import { unaryOp } from './elementwise'

// TF's is_nan, is_finite and is_inf: float inputs, bool results, no gradient.

/** True where `x` is NaN. @example isNaN(tensor([NaN, 1])).toArray() // [true, false] */
export const isNaN = unaryOp('isNaN', { dtypes: FLOAT, outDType: 'bool' })

/** True where `x` is neither infinite nor NaN. @example isFinite(tensor([1, Infinity, NaN])).toArray() // [true, false, false] */
export const isFinite = unaryOp('isFinite', { dtypes: FLOAT, outDType: 'bool' })

/** True where `x` is +inf or -inf. @example isInf(tensor([-Infinity, 1, NaN])).toArray() // [true, false, false] */
export const isInf = unaryOp('isInf', { dtypes: FLOAT, outDType: 'bool' })
