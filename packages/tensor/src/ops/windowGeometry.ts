import { ConfigError, ShapeError, checkInteger, checkOneOf, describe } from '@gradstream/core'

/** How a sliding window (a convolution's filter, a pooling window) treats the borders, as in TF1. */
export type Padding = 'SAME' | 'VALID'

/** A per-axis setting of a 2-D window op: one number for both axes, or `[height, width]`. */
export type PairOption = number | readonly [number, number]

/** Where a window slides along one spatial axis. */
export interface WindowGeometry {
  /** Number of window positions along the axis. */
  readonly outSize: number
  /** Zeros (or nothing, for pooling) added before the first element. */
  readonly padBefore: number
  /** Added after the last element; under 'SAME' it takes the odd one, as TF does. */
  readonly padAfter: number
}

const PADDINGS: readonly Padding[] = ['SAME', 'VALID']

/**
 * Throws a ConfigError unless `padding` is 'SAME' or 'VALID', for layers that check their options when made.
 * @example checkPadding('myLayer', 'same') // ConfigError: myLayer: padding must be one of 'SAME', 'VALID', got "same"
 */
export function checkPadding(fn: string, padding: unknown): asserts padding is Padding {
  checkOneOf(fn, 'padding', padding, PADDINGS)
}

/**
 * Reads a per-axis option as `[height, width]`: each an integer >= 1.
 * @example pairOption('myLayer', 'strides', 2) // [2, 2]
 */
export function pairOption(fn: string, name: string, value: unknown): [number, number] {
  if (typeof value === 'number') {
    checkInteger(fn, name, value, 1)
    return [value, value]
  }
  if (!Array.isArray(value) || value.length !== 2) {
    const got = Array.isArray(value) ? `an array of length ${value.length}` : describe(value)
    throw new ConfigError(fn, `${name} must be an integer >= 1 or a pair [height, width] of them, got ${got}`)
  }
  checkInteger(fn, `${name}[0]`, value[0], 1)
  checkInteger(fn, `${name}[1]`, value[1], 1)
  return [value[0], value[1]]
}

/**
 * TF's rule for one spatial axis. The dilated window spans
 * `(windowSize - 1) · dilation + 1` elements. 'VALID' keeps the positions
 * where it fits inside the input: `floor((inSize - span) / stride) + 1`.
 * 'SAME' makes `ceil(inSize / stride)` positions and pads the total needed,
 * `max((outSize - 1) · stride + span - inSize, 0)`, half before and the
 * rest (the larger half) after.
 *
 * `axis` names the axis in the error for a window larger than the input under 'VALID'.
 */
export function windowGeometry(
  fn: string,
  axis: string,
  inSize: number,
  windowSize: number,
  stride: number,
  dilation: number,
  padding: Padding,
): WindowGeometry {
  const span = (windowSize - 1) * dilation + 1
  if (padding === 'VALID') {
    if (span > inSize) {
      const dilated = dilation === 1 ? '' : ` (${span} dilated)`
      throw new ShapeError(
        fn,
        `the window's ${axis} ${windowSize}${dilated} is larger than the input's ${axis} ${inSize} under 'VALID' padding`,
      )
    }
    return { outSize: Math.floor((inSize - span) / stride) + 1, padBefore: 0, padAfter: 0 }
  }
  const outSize = Math.ceil(inSize / stride)
  const padTotal = Math.max((outSize - 1) * stride + span - inSize, 0)
  const padBefore = Math.floor(padTotal / 2)
  return { outSize, padBefore, padAfter: padTotal - padBefore }
}
