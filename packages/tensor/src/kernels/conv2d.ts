import { allocate, dtypeOfStorage } from '../dtype'
import type { TypedArray } from '../dtype'
import type { Conv2DLayout } from './layouts'

// The TypeScript references of the three convolution kernels: plain loops,
// one output at a time, for float32 and float64. Each fixes the float32
// accumulation order that the im2col path (conv2dWasm.ts) reproduces bit for
// bit, so the two can be compared on any shape.

const identity = (v: number): number => v

/** Math.fround for float32 storage, nothing for float64: the rounding after each product and sum. */
export function roundingOf(storage: TypedArray): (v: number) => number {
  return storage instanceof Float32Array ? Math.fround : identity
}

/**
 * TF's Conv2D. Each output is the sequential sum from 0, over the patch in
 * (kh, kw, ic) order, of input times filter, rounded to the dtype after every
 * product and sum: the order of one im2col row times the filter. Padding
 * takes part as zeros (a `0 · w` product, so a non-finite filter value under
 * the padding gives NaN, as TF's padded patches do).
 */
export function conv2dKernel(x: TypedArray, filter: TypedArray, layout: Conv2DLayout): TypedArray {
  const { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outChannels, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const out = allocate(dtypeOfStorage(x), batch * outHeight * outWidth * outChannels)
  const round = roundingOf(out)
  let o = 0
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let oc = 0; oc < outChannels; oc++, o++) {
          let acc = 0
          for (let kh = 0; kh < filterHeight; kh++) {
            const ih = oh * strideHeight + kh * dilationHeight - padTop
            for (let kw = 0; kw < filterWidth; kw++) {
              const iw = ow * strideWidth + kw * dilationWidth - padLeft
              const inside = ih >= 0 && ih < inHeight && iw >= 0 && iw < inWidth
              const xAt = ((b * inHeight + ih) * inWidth + iw) * inChannels
              const fAt = (kh * filterWidth + kw) * inChannels * outChannels + oc
              for (let ic = 0; ic < inChannels; ic++) {
                const v = inside ? x[xAt + ic]! : 0
                acc = round(acc + round(v * filter[fAt + ic * outChannels]!))
              }
            }
          }
          out[o] = acc
        }
      }
    }
  }
  return out
}

/**
 * TF's Conv2DBackpropFilter: the filter's gradient. Each element
 * `[kh, kw, ic, oc]` is the sequential sum from 0, over the output
 * positions (b, oh, ow) in order, of the input under that filter tap (zero
 * in the padding) times `dy`, rounded after every product and sum: one
 * column of im2colᵀ · dy.
 */
export function conv2dBackpropFilterKernel(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray {
  const { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outChannels, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const out = allocate(dtypeOfStorage(x), filterHeight * filterWidth * inChannels * outChannels)
  const round = roundingOf(out)
  let o = 0
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      for (let ic = 0; ic < inChannels; ic++) {
        for (let oc = 0; oc < outChannels; oc++, o++) {
          let acc = 0
          for (let b = 0, d = oc; b < batch; b++) {
            for (let oh = 0; oh < outHeight; oh++) {
              const ih = oh * strideHeight + kh * dilationHeight - padTop
              for (let ow = 0; ow < outWidth; ow++, d += outChannels) {
                const iw = ow * strideWidth + kw * dilationWidth - padLeft
                const inside = ih >= 0 && ih < inHeight && iw >= 0 && iw < inWidth
                const v = inside ? x[((b * inHeight + ih) * inWidth + iw) * inChannels + ic]! : 0
                acc = round(acc + round(v * dy[d]!))
              }
            }
          }
          out[o] = acc
        }
      }
    }
  }
  return out
}

/**
 * TF's Conv2DBackpropInput: the input's gradient. For each output position
 * (oh, ow) whose window covers an input element, `c` is the sequential sum
 * over oc of `dy · filter` (one element of dy · filterᵀ); the element's
 * gradient is the sequential sum from 0 of those `c`, positions in (oh, ow)
 * order (TF's col2im order), each rounded to the dtype.
 */
export function conv2dBackpropInputKernel(filter: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray {
  const { batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outChannels, outHeight, outWidth } = layout
  const { strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft } = layout
  const out = allocate(dtypeOfStorage(filter), batch * inHeight * inWidth * inChannels)
  const round = roundingOf(out)
  let o = 0
  for (let b = 0; b < batch; b++) {
    for (let ih = 0; ih < inHeight; ih++) {
      for (let iw = 0; iw < inWidth; iw++) {
        for (let ic = 0; ic < inChannels; ic++, o++) {
          let acc = 0
          // Descending taps visit the covering output positions in ascending order.
          for (let kh = filterHeight - 1; kh >= 0; kh--) {
            const oh = outPosition(ih + padTop - kh * dilationHeight, strideHeight, outHeight)
            if (oh < 0) continue
            for (let kw = filterWidth - 1; kw >= 0; kw--) {
              const ow = outPosition(iw + padLeft - kw * dilationWidth, strideWidth, outWidth)
              if (ow < 0) continue
              const dAt = ((b * outHeight + oh) * outWidth + ow) * outChannels
              const fAt = ((kh * filterWidth + kw) * inChannels + ic) * outChannels
              let c = 0
              for (let oc = 0; oc < outChannels; oc++) c = round(c + round(dy[dAt + oc]! * filter[fAt + oc]!))
              acc = round(acc + c)
            }
          }
          out[o] = acc
        }
      }
    }
  }
  return out
}

/** The output position whose window starts `offset` before this tap, or -1 when no position does. */
function outPosition(offset: number, stride: number, outSize: number): number {
  if (offset < 0 || offset % stride !== 0) return -1
  const position = offset / stride
  return position < outSize ? position : -1
}
