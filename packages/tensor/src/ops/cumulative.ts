import { checkBoolean, checkOptions } from '@gradstream/core'
import { allocate, roundTo } from '../dtype'
import type { CumulativeAttrs } from '../primitives'
import { normalizeAxis, stridesOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'

export interface CumulativeOptions {
  /** Leave out each element's own value (TF's `exclusive`). */
  readonly exclusive?: boolean
  /** Accumulate from the end of the axis. */
  readonly reverse?: boolean
}

type Combine = (acc: number, x: number) => number

function cumulativeOp(op: 'cumsum' | 'cumprod', initial: number, combine: Combine, combineInt32 = combine) {
  return (x: Tensor, axis = 0, options: CumulativeOptions = {}): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, NUMERIC)
    const resolved = normalizeAxis(op, axis, x.rank)
    checkOptions(op, options, ['exclusive', 'reverse'])
    const { exclusive = false, reverse = false } = options
    checkBoolean(op, 'exclusive', exclusive)
    checkBoolean(op, 'reverse', reverse)
    const attrs: CumulativeAttrs = { axis: resolved, exclusive, reverse }
    const input = valuesOf(x)
    const out = allocate(x.dtype, x.size)
    const length = x.shape[resolved]!
    const stride = stridesOf(x.shape)[resolved]!
    const combineAs = x.dtype === 'int32' ? combineInt32 : combine
    const outer = x.size / (length * stride || 1)
    for (let o = 0; o < outer; o++) {
      for (let inner = 0; inner < stride; inner++) {
        const base = o * length * stride + inner
        let acc = initial
        for (let step = 0; step < length; step++) {
          const index = base + (reverse ? length - 1 - step : step) * stride
          const next = roundTo(x.dtype, combineAs(acc, input[index]!))
          out[index] = exclusive ? acc : next
          acc = next
        }
      }
    }
    const result = fromKernel(out, x.shape, x.dtype)
    record(op, [x], result, attrs)
    return result
  }
}

/** Running sum along `axis`. @example cumsum(tensor([1, 2, 3])).toArray() // [1, 3, 6] */
export const cumsum = cumulativeOp('cumsum', 0, (acc, x) => acc + x)

/** Running product along `axis`. @example cumprod(tensor([1, 2, 3])).toArray() // [1, 2, 6] */
// int32 products wrap like 32-bit multiplication (a double product loses the low bits past 2 ** 53).
export const cumprod = cumulativeOp('cumprod', 1, (acc, x) => acc * x, Math.imul)
