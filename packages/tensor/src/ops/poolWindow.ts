import { checkOptions } from '@gradstream/core'
import { ShapeError } from '../errors'
import type { PoolLayout } from '../kernels'
import type { PoolAttrs } from '../primitives'
import { formatShape } from '../shape'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor, FLOAT } from './argumentChecks'
import { checkPadding, pairOption, windowGeometry } from './windowGeometry'
import type { Padding, PairOption } from './windowGeometry'

/** The window of `maxPool` and `avgPool` over NHWC input. */
export interface PoolOptions {
  /** Window size, `[height, width]` or one number for both. */
  readonly ksize: PairOption
  /** Step between windows, `[height, width]` or one number; defaults to `ksize` (windows side by side). */
  readonly strides?: PairOption
  /** 'VALID' (the default): windows inside the input only; 'SAME': `ceil(size / stride)` windows, TF's padding split. */
  readonly padding?: Padding
}

const POOL_OPTIONS: readonly string[] = ['ksize', 'strides', 'padding']

/** Throws unless `x` is a float32 or float64 tensor of rank 4. */
export function checkPoolInput(fn: string, name: string, x: unknown): asserts x is Tensor {
  checkTensor(fn, name, x)
  checkDTypeIn(fn, name, x, FLOAT)
  checkRank4(fn, name, x.shape)
}

/** Throws a ShapeError unless `shape` has rank 4, read as NHWC. */
export function checkRank4(fn: string, name: string, shape: Shape): void {
  if (shape.length !== 4) {
    throw new ShapeError(fn, `${name} must be rank 4 [batch, height, width, channels], got ${formatShape(shape)}`)
  }
}

/** The options read and checked: `[height, width]` pairs, strides defaulting to ksize, padding to 'VALID'. */
export function poolAttrs(fn: string, options: PoolOptions): PoolAttrs {
  checkOptions(fn, options, POOL_OPTIONS)
  const ksize = pairOption(fn, 'ksize', options.ksize)
  const strides = options.strides === undefined ? ksize : pairOption(fn, 'strides', options.strides)
  const padding = options.padding ?? 'VALID'
  checkPadding(fn, padding)
  return { ksize, strides, padding }
}

/** Where the windows of `attrs` sit over NHWC input of `inputShape`; a ShapeError for a window larger than the input under 'VALID'. */
export function poolLayout(fn: string, inputShape: Shape, { ksize, strides, padding }: PoolAttrs): PoolLayout {
  const [batch, inHeight, inWidth, channels] = inputShape as readonly [number, number, number, number]
  const rows = windowGeometry(fn, 'height', inHeight, ksize[0], strides[0], 1, padding)
  const columns = windowGeometry(fn, 'width', inWidth, ksize[1], strides[1], 1, padding)
  return {
    batch,
    inHeight,
    inWidth,
    channels,
    outHeight: rows.outSize,
    outWidth: columns.outSize,
    windowHeight: ksize[0],
    windowWidth: ksize[1],
    strideHeight: strides[0],
    strideWidth: strides[1],
    padTop: rows.padBefore,
    padLeft: columns.padBefore,
  }
}

/** The pooled shape, `[batch, outHeight, outWidth, channels]`. */
export function pooledShape({ batch, outHeight, outWidth, channels }: PoolLayout): number[] {
  return [batch, outHeight, outWidth, channels]
}
