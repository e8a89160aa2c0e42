import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Padding } from '../ops/windowGeometry'
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from './conv2d'
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm, conv2dWasm } from './conv2dWasm'
import { expectSameBits, geometry, layoutOf, sizes, values } from './testing/conv2dTestSupport'
import type { Geometry } from './testing/conv2dTestSupport'
import type { Conv2DLayout } from './layouts'

/** Element i of `x` NHWC, or 0 outside the input. */
const reader = (x: Float32Array, l: Conv2DLayout) => (b: number, h: number, w: number, c: number) =>
  h < 0 || h >= l.inHeight || w < 0 || w >= l.inWidth
    ? 0
    : x[((b * l.inHeight + h) * l.inWidth + w) * l.inChannels + c]!

// Independent float32 loops over the definitions, in the documented orders.
function naiveConv2d(x: Float32Array, f: Float32Array, l: Conv2DLayout): Float32Array {
  const at = reader(x, l)
  const out = new Float32Array(sizes(l).y)
  let o = 0
  for (let b = 0; b < l.batch; b++)
    for (let i = 0; i < l.outHeight; i++)
      for (let j = 0; j < l.outWidth; j++)
        for (let oc = 0; oc < l.outChannels; oc++) {
          let acc = 0
          for (let kh = 0, k = 0; kh < l.filterHeight; kh++)
            for (let kw = 0; kw < l.filterWidth; kw++)
              for (let c = 0; c < l.inChannels; c++, k++) {
                const v = at(
                  b,
                  i * l.strideHeight + kh * l.dilationHeight - l.padTop,
                  j * l.strideWidth + kw * l.dilationWidth - l.padLeft,
                  c,
                )
                acc = Math.fround(acc + Math.fround(v * f[k * l.outChannels + oc]!))
              }
          out[o++] = acc
        }
  return out
}

function naiveFilterGrad(x: Float32Array, dy: Float32Array, l: Conv2DLayout): Float32Array {
  const at = reader(x, l)
  const out = new Float32Array(sizes(l).filter)
  for (let kh = 0, o = 0; kh < l.filterHeight; kh++)
    for (let kw = 0; kw < l.filterWidth; kw++)
      for (let c = 0; c < l.inChannels; c++)
        for (let oc = 0; oc < l.outChannels; oc++) {
          let acc = 0
          for (let r = 0; r < l.batch * l.outHeight * l.outWidth; r++) {
            const j = r % l.outWidth
            const i = Math.floor(r / l.outWidth) % l.outHeight
            const b = Math.floor(r / (l.outWidth * l.outHeight))
            const v = at(
              b,
              i * l.strideHeight + kh * l.dilationHeight - l.padTop,
              j * l.strideWidth + kw * l.dilationWidth - l.padLeft,
              c,
            )
            acc = Math.fround(acc + Math.fround(v * dy[r * l.outChannels + oc]!))
          }
          out[o++] = acc
        }
  return out
}

// Scatters each position's dy · filterᵀ into the input in row order: col2im written plainly.
function naiveInputGrad(f: Float32Array, dy: Float32Array, l: Conv2DLayout): Float32Array {
  const out = new Float32Array(sizes(l).x)
  for (let r = 0; r < l.batch * l.outHeight * l.outWidth; r++) {
    const j = r % l.outWidth
    const i = Math.floor(r / l.outWidth) % l.outHeight
    const b = Math.floor(r / (l.outWidth * l.outHeight))
    for (let kh = 0; kh < l.filterHeight; kh++)
      for (let kw = 0; kw < l.filterWidth; kw++) {
        const h = i * l.strideHeight + kh * l.dilationHeight - l.padTop
        const w = j * l.strideWidth + kw * l.dilationWidth - l.padLeft
        if (h < 0 || h >= l.inHeight || w < 0 || w >= l.inWidth) continue
        for (let c = 0; c < l.inChannels; c++) {
          let s = 0
          for (let oc = 0; oc < l.outChannels; oc++) {
            s = Math.fround(
              s +
                Math.fround(
                  dy[r * l.outChannels + oc]! * f[((kh * l.filterWidth + kw) * l.inChannels + c) * l.outChannels + oc]!,
                ),
            )
          }
          const at = ((b * l.inHeight + h) * l.inWidth + w) * l.inChannels + c
          out[at] = Math.fround(out[at]! + s)
        }
      }
  }
  return out
}

/** The fast path's bits are the reference's whenever it takes the call (it declines under 512 multiply-adds). */
function sameUnlessDeclined(fast: ArrayLike<number> | undefined, reference: () => ArrayLike<number>): void {
  if (fast !== undefined) expectSameBits(fast, reference())
}

const CASES: readonly [string, Geometry][] = [
  ['VALID', geometry({})],
  ['SAME with odd padding', geometry({ padding: 'SAME', filterHeight: 4, filterWidth: 3 })],
  ['strides [2, 3], SAME', geometry({ padding: 'SAME', stride: [2, 3] })],
  ['dilations [2, 1]', geometry({ dilation: [2, 1], padding: 'SAME' })],
  ['batch 1, one channel in and out', geometry({ batch: 1, inChannels: 1, outChannels: 1, height: 30, width: 29 })],
  ['many channels', geometry({ inChannels: 17, outChannels: 33, height: 5, width: 5 })],
  [
    'LeNet conv1 on 2 images',
    geometry({ height: 28, width: 28, inChannels: 1, filterHeight: 5, filterWidth: 5, outChannels: 6 }),
  ],
  [
    'one channel, SAME, dilations [2, 3]',
    geometry({
      inChannels: 1,
      padding: 'SAME',
      dilation: [2, 3],
      height: 11,
      width: 9,
      filterHeight: 3,
      filterWidth: 3,
    }),
  ],
  [
    'LeNet conv2, output channels in whole panels',
    geometry({ height: 12, width: 12, inChannels: 6, filterHeight: 5, filterWidth: 5, outChannels: 16 }),
  ],
  ['32 output channels, SAME, strides [2, 1]', geometry({ outChannels: 32, padding: 'SAME', stride: [2, 1] })],
  // Read directly, in two blocks of eight channels whose last runs into the next position's first.
  ['12 output channels, 7 x 8 positions', geometry({ outChannels: 12, height: 9, width: 9, inChannels: 3 })],
  [
    'stride larger than the window',
    geometry({ stride: [4, 3], filterHeight: 2, filterWidth: 1, height: 13, width: 11 }),
  ],
]

describe.each(CASES)('conv2d kernels, %s', (_name, g) => {
  const l = layoutOf(g)
  const { x: xSize, filter: fSize, y: ySize } = sizes(l)
  const x = values(xSize, 1)
  const f = values(fSize, 2)
  const dy = values(ySize, 3)

  it('the TypeScript kernels match independent float32 loops bit for bit', () => {
    expectSameBits(conv2dKernel(x, f, l), naiveConv2d(x, f, l))
    expectSameBits(conv2dBackpropFilterKernel(x, dy, l), naiveFilterGrad(x, dy, l))
    expectSameBits(conv2dBackpropInputKernel(f, dy, l), naiveInputGrad(f, dy, l))
  })

  it('the WebAssembly path gives the TypeScript bits', () => {
    expectSameBits(conv2dWasm(x, f, l)!, conv2dKernel(x, f, l))
    expectSameBits(conv2dBackpropFilterWasm(x, dy, l)!, conv2dBackpropFilterKernel(x, dy, l))
    expectSameBits(conv2dBackpropInputWasm(f, dy, l)!, conv2dBackpropInputKernel(f, dy, l))
  })
})

describe('the conv2d WebAssembly path', () => {
  it('gives the TypeScript bits on random geometry', () => {
    const arbitraryGeometry = fc.record({
      batch: fc.integer({ min: 1, max: 3 }),
      // From 7: a 4-tap window dilated by 2 spans 7 and must fit under VALID.
      height: fc.integer({ min: 7, max: 12 }),
      width: fc.integer({ min: 7, max: 12 }),
      inChannels: fc.integer({ min: 1, max: 5 }),
      filterHeight: fc.integer({ min: 1, max: 4 }),
      filterWidth: fc.integer({ min: 1, max: 4 }),
      outChannels: fc.integer({ min: 1, max: 20 }),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      padding: fc.constantFrom<Padding>('SAME', 'VALID'),
      seed: fc.integer({ min: 1, max: 1000 }),
    })
    fc.assert(
      fc.property(arbitraryGeometry, ({ seed, ...g }) => {
        const l = layoutOf(g)
        const { x: xSize, filter: fSize, y: ySize } = sizes(l)
        const [x, f, dy] = [values(xSize, seed), values(fSize, seed + 1), values(ySize, seed + 2)]
        sameUnlessDeclined(conv2dWasm(x, f, l), () => conv2dKernel(x, f, l))
        sameUnlessDeclined(conv2dBackpropFilterWasm(x, dy, l), () => conv2dBackpropFilterKernel(x, dy, l))
        sameUnlessDeclined(conv2dBackpropInputWasm(f, dy, l), () => conv2dBackpropInputKernel(f, dy, l))
      }),
      { numRuns: 60, seed: 13 },
    )
  })

  it('propagates NaN and infinities as the TypeScript kernels do, padding included', () => {
    const l = layoutOf(geometry({ padding: 'SAME', filterHeight: 3, filterWidth: 3 }))
    const { x: xSize, filter: fSize, y: ySize } = sizes(l)
    const x = values(xSize, 4)
    const f = values(fSize, 5)
    const dy = values(ySize, 6)
    x[7] = NaN
    x[20] = Infinity
    f[0] = -Infinity // the corner tap sits in the padding for the border outputs: 0 · ∞ is NaN there
    dy[11] = NaN
    expectSameBits(conv2dWasm(x, f, l)!, conv2dKernel(x, f, l))
    expectSameBits(conv2dBackpropFilterWasm(x, dy, l)!, conv2dBackpropFilterKernel(x, dy, l))
    expectSameBits(conv2dBackpropInputWasm(f, dy, l)!, conv2dBackpropInputKernel(f, dy, l))
    expect(Number.isNaN(conv2dKernel(x, f, l)[0])).toBe(true)
  })

  it('declines float64 and products under 512 multiply-adds, which the reference computes', () => {
    const l = layoutOf(geometry({}))
    const { x: xSize, filter: fSize } = sizes(l)
    expect(conv2dWasm(Float64Array.from(values(xSize, 1)), Float64Array.from(values(fSize, 2)), l)).toBeUndefined()
    const tiny = layoutOf(geometry({ batch: 1, height: 3, width: 3, inChannels: 1, outChannels: 2 }))
    expect(conv2dWasm(values(9, 1), values(12, 2), tiny)).toBeUndefined()
  })
})
