import { afterAll, describe, expect, it } from 'vitest'
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from './conv2d'
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm, conv2dWasm } from './conv2dWasm'
import type { Conv2DLayout } from './layouts'
import { expectSameBits, geometry, layoutOf, sizes, values } from './testing/conv2dTestSupport'
import { THREADED_MIN_MULTIPLY_ADDS } from './threads/taskRunner'
import { getThreads, setThreads } from './threads/threadPool'

// Every case has enough multiply-adds to be split across threads.
const CASES = [
  [
    'LeNet conv1, 64 images',
    geometry({ batch: 64, height: 28, width: 28, inChannels: 1, filterHeight: 5, filterWidth: 5, outChannels: 6 }),
  ],
  [
    'LeNet conv2, 64 images',
    geometry({ batch: 64, height: 12, width: 12, inChannels: 6, filterHeight: 5, filterWidth: 5, outChannels: 16 }),
  ],
  // Two channel blocks read directly, the last running into the next position's first channels.
  [
    '12 output channels, SAME with odd padding',
    geometry({
      batch: 5,
      height: 31,
      width: 29,
      inChannels: 5,
      filterHeight: 4,
      filterWidth: 3,
      outChannels: 12,
      padding: 'SAME',
    }),
  ],
  [
    '33 output channels, SAME, strides [2, 3]',
    geometry({
      batch: 4,
      height: 40,
      width: 37,
      inChannels: 9,
      filterHeight: 3,
      filterWidth: 3,
      outChannels: 33,
      stride: [2, 3],
      padding: 'SAME',
    }),
  ],
  [
    'one image, dilations [2, 1]',
    geometry({
      batch: 1,
      height: 66,
      width: 66,
      inChannels: 3,
      filterHeight: 5,
      filterWidth: 5,
      outChannels: 8,
      dilation: [2, 1],
    }),
  ],
] as const

/** Values of `values` with NaN, both infinities and both zeros planted across the array. */
function withSpecials(size: number, seed: number): Float32Array {
  const out = values(size, seed)
  const specials = [NaN, Infinity, -Infinity, -0, 0]
  for (let i = 0; i < 25; i++) out[Math.floor(((i * 7919 + seed) % 1000) * (size / 1000))] = specials[i % 5]!
  return out
}

function runAll(x: Float32Array, f: Float32Array, dy: Float32Array, l: Conv2DLayout) {
  return [conv2dWasm(x, f, l)!, conv2dBackpropFilterWasm(x, dy, l)!, conv2dBackpropInputWasm(f, dy, l)!]
}

describe('the convolutions on several threads', () => {
  const initialThreads = getThreads()
  afterAll(() => setThreads(initialThreads))

  const inputs = CASES.map(([name, g], seed) => {
    const l = layoutOf(g)
    const { x, filter, y } = sizes(l)
    return { name, l, x: withSpecials(x, seed), f: withSpecials(filter, seed + 1), dy: withSpecials(y, seed + 2) }
  })

  it('takes only convolutions large enough to split', () => {
    for (const { l } of inputs) {
      const multiplyAdds = sizes(l).y * l.filterHeight * l.filterWidth * l.inChannels
      expect(multiplyAdds).toBeGreaterThanOrEqual(THREADED_MIN_MULTIPLY_ADDS)
    }
  })

  // Thread counts run outermost: each setThreads restarts the pool. 3 threads: more than this machine's cores.
  it('gives the TypeScript references bits on 1, 2 and 3 threads, inputs untouched', () => {
    const references = inputs.map(({ l, x, f, dy }) => [
      conv2dKernel(x, f, l),
      conv2dBackpropFilterKernel(x, dy, l),
      conv2dBackpropInputKernel(f, dy, l),
    ])
    const copies = inputs.map(({ x, f, dy }) => [x.slice(), f.slice(), dy.slice()])
    for (const threads of [1, 2, 3]) {
      setThreads(threads)
      inputs.forEach(({ l, x, f, dy }, i) => {
        runAll(x, f, dy, l).forEach((result, kernel) => expectSameBits(result, references[i]![kernel]!))
        ;[x, f, dy].forEach((input, j) => expectSameBits(input, copies[i]![j]!))
      })
    }
  })
})
