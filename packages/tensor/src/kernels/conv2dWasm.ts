import { allocate } from '../dtype'
import type { TypedArray } from '../dtype'
import { patchRows, patchSize } from './im2col'
import { copyPaddedIn, copyPaddedOut, paddedImage, tapOffsets, writePositionAddresses } from './im2colWasm'
import type { Conv2DLayout } from './layouts'
import { PANEL, chunkRows, toPanels, tooSmall, transposed } from './conv2dPanels'
import { splitRange, TASKS_PER_THREAD, taskRunner, threadsFor } from './threads/taskRunner'
import type { KernelCall, KernelTask } from './threads/threadPool'
import { address, sliceOut } from './wasmHeap'

// The forward pass and the input gradient as products of the patch matrix
// (im2col.ts) with the filter, in the WebAssembly SIMD matMul. That kernel
// sums each output in order over k from 0, so every product below puts the
// convolution's own sum on k, and its results are the TypeScript
// references' bits (conv2d.ts). The kernel keeps eight f32x4 sums (two rows
// of `a`) in flight per 16-column panel of `b`, and a sum is as slow as its
// chain of dependent adds; so the long dimension goes on n, in whole
// 16-column panels (padded with columns whose outputs are dropped), never on
// the 4-column or single-column panels. The patch matrix never passes
// through TypeScript: the input goes into the heap once, padded, and
// gatherPanels writes the panels from it (im2colWasm.ts); the input
// gradient is added back by scatterAddRuns. (A one-channel first layer is no
// exception: the gather beats copying shifted rows of the padded input over
// every padded position, which computes a third more products at LeNet's
// conv1.) The filter gradient needs no patch matrix at all: its kernel reads
// the padded input through the same address tables.
//
// Large convolutions split their output across the thread pool
// (threads/taskRunner.ts): the forward pass by output positions, the filter
// gradient by filter taps, the input gradient by images. Each task computes
// whole output elements, in the order one thread does, so the bits are the
// same for any thread count; on one thread each kernel is one task, the
// loops of the single-thread kernel.

// The filter gradient's blocks: filterGradientBlock's five taps by eight
// channels, each over every output position in one call. (Blocks of 256
// positions, whose dy stayed in L1 for every tap block, made hundreds of
// short calls, and a call costs more than it saved: every position at once
// took 12-25% less CPU time on one thread for LeNet's two filter gradients
// and a third less on two, where a worker's call costs more than the
// calling thread's.)
const TAP_BLOCK = 5
const CHANNEL_BLOCK = 8
// convOutputBlock's positions per block.
const POSITION_BLOCK = 5

const roundUp = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple

/**
 * TF's Conv2D in WebAssembly: each output is the sum from 0 over its patch
 * in (kh, kw, ic) order of input times filter, as `conv2dKernel`. Fewer
 * than 16 output channels read the padded input directly; from 16 on, the
 * patch panels' gather and transposes, which cost per output position, are
 * spread over enough channels that the panel matMul is as fast (LeNet's
 * conv1, 6 channels: direct 1.2-1.4x; conv2, 16 channels: panels 1.05-1.1x).
 * Float32 only; undefined for what the reference computes.
 */
export function conv2dWasm(x: TypedArray, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  return layout.outChannels < PANEL ? conv2dDirectWasm(x, filter, layout) : conv2dPanelsWasm(x, filter, layout)
}

/**
 * Conv2D straight from the padded input, with no patch matrix:
 * convOutputBlock computes five positions by eight output channels at a
 * time. Channel blocks run from the last to the first, so that each block's
 * lanes past the real channels, written into the next position, are
 * written again by the blocks after it. The tasks take runs of positions,
 * a multiple of five each, and write their outputs apart, with room for
 * their last position's overflow between them.
 */
function conv2dDirectWasm(x: Float32Array, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const threads = threadsFor(rows * patch * n)
  const runs = splitRange(rows, threads * TASKS_PER_THREAD, POSITION_BLOCK)
  const positions = roundUp(rows, POSITION_BLOCK)
  const image = paddedImage(layout)
  const imageAt = patch * n + CHANNEL_BLOCK
  const tapsAt = imageAt + image.size
  const positionsAt = tapsAt + patch
  const outAt = positionsAt + positions
  // Run i's outputs start i overflows of CHANNEL_BLOCK floats after its first position's place.
  const runOut = (run: number, start: number) => outAt + start * n + run * CHANNEL_BLOCK
  const runner = taskRunner(threads, 4 * runOut(runs.length, positions))
  if (runner === undefined) return undefined
  const { heap } = runner
  heap.floats.set(filter, 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  heap.ints.set(tapOffsets(layout, image, patch), tapsAt)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, positions)
  const blocks = roundUp(n, CHANNEL_BLOCK) / CHANNEL_BLOCK
  const lastToFirst = Array.from({ length: blocks }, (_, i) => (blocks - 1 - i) * CHANNEL_BLOCK)
  runner.run(
    runs.map(([start, end], run): KernelTask => {
      const count = roundUp(end - start, POSITION_BLOCK)
      return lastToFirst.map((c) => ({
        name: 'convOutputBlock',
        args: [
          address(positionsAt + start),
          count,
          address(tapsAt),
          patch,
          address(c),
          address(n),
          address(runOut(run, start) + c),
          address(n),
        ],
      }))
    }),
  )
  const out = allocate('float32', rows * n)
  runs.forEach(([start, end], run) =>
    out.set(heap.floats.subarray(runOut(run, start), runOut(run, start) + (end - start) * n), start * n),
  )
  return out
}

/**
 * Conv2D as outᵀ = filterᵀ · patchesᵀ, chunk by chunk of output positions,
 * in the panel matMul; the transposes land in the output in place. Each
 * task takes consecutive chunks through panels and a product of its own.
 */
function conv2dPanelsWasm(x: Float32Array, filter: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const chunk = chunkRows(rows, patch)
  const threads = threadsFor(rows * patch * n)
  const groups = splitRange(Math.ceil(rows / chunk), threads * TASKS_PER_THREAD)
  const image = paddedImage(layout)
  const imageAt = n * patch
  const positionsAt = imageAt + image.size
  const tapsAt = positionsAt + toPanels(rows)
  const outAt = tapsAt + patch
  const scratchAt = outAt + rows * n
  const scratchSize = (patch + n) * chunk
  const runner = taskRunner(threads, 4 * (scratchAt + groups.length * scratchSize))
  if (runner === undefined) return undefined
  const { heap } = runner
  heap.floats.set(transposed(filter, patch, n), 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, toPanels(rows))
  heap.ints.set(tapOffsets(layout, image, patch), tapsAt)
  runner.run(
    groups.map(([first, end], group): KernelTask => {
      const panelsAt = scratchAt + group * scratchSize
      const productAt = panelsAt + patch * chunk
      return Array.from({ length: end - first }, (_, i) => {
        const start = (first + i) * chunk
        const count = Math.min(chunk, rows - start)
        const width = toPanels(count)
        return [
          call('gatherPanels', address(positionsAt + start), address(tapsAt), address(panelsAt), width / PANEL, patch),
          call('matMul', address(0), address(panelsAt), address(productAt), n, patch, width, 0),
          call('transpose', address(productAt), address(outAt + start * n), n, count, width),
        ]
      }).flat()
    }),
  )
  return sliceOut(heap, outAt, rows * n)
}

/**
 * Conv2DBackpropFilter straight from the padded input, with no patch matrix:
 * filterGradientBlock computes five taps by eight output channels at a time,
 * each element the sum over (b, oh, ow) in order of the input under its tap
 * times dy, as `conv2dBackpropFilterKernel`: each block is one call over
 * every position, its sums from +0 in the reference's order. The tasks
 * take runs of tap blocks.
 */
export function conv2dBackpropFilterWasm(x: TypedArray, dy: TypedArray, layout: Conv2DLayout): TypedArray | undefined {
  if (!(x instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const taps = roundUp(patch, TAP_BLOCK)
  const channels = roundUp(n, CHANNEL_BLOCK)
  const threads = threadsFor(rows * patch * n)
  const tapRuns = splitRange(taps / TAP_BLOCK, threads * TASKS_PER_THREAD)
  const image = paddedImage(layout)
  const imageAt = rows * n + CHANNEL_BLOCK
  const tapsAt = imageAt + image.size
  const positionsAt = tapsAt + taps
  const outAt = positionsAt + rows
  const runner = taskRunner(threads, 4 * (outAt + taps * channels))
  if (runner === undefined) return undefined
  const { heap } = runner
  heap.floats.set(dy, 0)
  copyPaddedIn(heap, imageAt, x, layout, image)
  heap.ints.set(tapOffsets(layout, image, taps), tapsAt)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  const block = (t: number, c: number): KernelCall =>
    call(
      'filterGradientBlock',
      address(positionsAt),
      rows,
      address(tapsAt + t),
      address(c),
      address(n),
      address(outAt + t * channels + c),
      address(channels),
    )
  runner.run(
    tapRuns.map(([first, end]): KernelTask => {
      const task: KernelCall[] = []
      for (let t = first * TAP_BLOCK; t < end * TAP_BLOCK; t += TAP_BLOCK) {
        for (let c = 0; c < channels; c += CHANNEL_BLOCK) task.push(block(t, c))
      }
      return task
    }),
  )
  const out = allocate('float32', patch * n)
  for (let t = 0; t < patch; t++) out.set(heap.floats.subarray(outAt + t * channels, outAt + t * channels + n), t * n)
  return out
}

/**
 * Conv2DBackpropInput as patchGrad = dy · filterᵀ, chunk by chunk of output
 * positions, each chunk added by scatterAddRuns into the padded input
 * gradient in row order (TF's Col2im), a stretch of contiguous taps at a
 * time: as `conv2dBackpropInputKernel`. The tasks take runs of whole
 * images, whose positions add only into their own image, through a chunk
 * of columns of their own.
 */
export function conv2dBackpropInputWasm(
  filter: TypedArray,
  dy: TypedArray,
  layout: Conv2DLayout,
): TypedArray | undefined {
  if (!(filter instanceof Float32Array) || tooSmall(layout)) return undefined
  const rows = patchRows(layout)
  const patch = patchSize(layout)
  const n = layout.outChannels
  const width = toPanels(patch)
  const chunk = chunkRows(rows, width)
  const threads = threadsFor(rows * patch * n)
  const imageRuns = splitRange(layout.batch, threads * TASKS_PER_THREAD)
  const imageRows = layout.outHeight * layout.outWidth
  const image = paddedImage(layout)
  const panelsAt = n * width
  const dyAt = panelsAt + n * width
  const imageAt = dyAt + rows * n
  const positionsAt = imageAt + image.size
  const runs = contiguousRuns(tapOffsets(layout, image, patch))
  const runsAt = positionsAt + rows
  const colsAt = runsAt + runs.length
  const runner = taskRunner(threads, 4 * (colsAt + imageRuns.length * chunk * width))
  if (runner === undefined) return undefined
  const { heap } = runner
  heap.floats.set(transposed(filter, patch, n, width), 0)
  heap.kernels.packPanels(address(0), address(panelsAt), n, width)
  heap.floats.set(dy, dyAt)
  heap.floats.fill(0, imageAt, imageAt + image.size)
  writePositionAddresses(heap, positionsAt, layout, image, imageAt, rows)
  heap.ints.set(runs, runsAt)
  runner.run(
    imageRuns.map(([first, end], task): KernelTask => {
      const cols = colsAt + task * chunk * width
      const calls: KernelCall[] = []
      for (let start = first * imageRows; start < end * imageRows; start += chunk) {
        const count = Math.min(chunk, end * imageRows - start)
        calls.push(
          call('matMul', address(dyAt + start * n), address(panelsAt), address(cols), count, n, width, 0),
          call(
            'scatterAddRuns',
            address(cols),
            width,
            address(positionsAt + start),
            address(runsAt),
            runs.length / 2,
            count,
          ),
        )
      }
      return calls
    }),
  )
  return copyPaddedOut(heap, imageAt, layout, image)
}

const call = (name: KernelCall['name'], ...args: number[]): KernelCall => ({ name, args })

/**
 * The byte offsets of the taps merged into runs of consecutive floats, as
 * (first offset, length) pairs in tap order: one run per filter row when
 * the columns are not dilated, one per tap's channels otherwise.
 */
function contiguousRuns(offsets: Int32Array): Int32Array {
  const runs: number[] = []
  for (let k = 0; k < offsets.length; k++) {
    const last = runs.length - 2
    if (last >= 0 && offsets[k] === runs[last]! + address(runs[last + 1]!)) runs[last + 1]!++
    else runs.push(offsets[k]!, 1)
  }
  return Int32Array.from(runs)
}
