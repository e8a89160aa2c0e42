import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import type { PoolLayout } from './layouts'
import type { MaxPoolResult } from './poolMax'
import { splitRange, TASKS_PER_THREAD, taskRunner, threadsFor } from './threads/taskRunner'
import { address, sliceOut, wasmHeap } from './wasmHeap'
import { windowSpans } from './windowSpans'

// Max pooling's two passes in WebAssembly: the scan for each window's
// maximum and its index, four channels at a time (f32x4 compares and
// selects), and the
// gradient's scatter of dy at those maxima. Both give the TypeScript kernels'
// results exactly: the scan takes the same element of every window (ties to
// the first, a NaN wins), the scatter adds in the same order with f32 adds.

// Below this many input elements the copies cost more than the scan saves.
const WASM_MIN_ELEMENTS = 1024
// The scan's last group of four channels reads and writes up to three lanes past the end.
const LANE_SLACK = 3
// From this many input elements (a scan of 1-2 ms on one thread). Below it
// the copies into and out of the shared heap (slower from JavaScript than a
// private heap's) and the wake-ups cost more than the split saves: LeNet's
// pooling of 221184 elements took 30-45% more CPU time on two threads than on
// one, with no wall-time gain seen on a loaded 2-core machine.
const THREADED_MIN_ELEMENTS = 1 << 20

/**
 * `maxPoolKernel` for float32 input of 1024 elements or more; undefined for
 * what it computes itself. From 2^20 elements on, the threads split it by
 * runs of images (see threads/taskRunner.ts): each run's scan reads the
 * whole input through row spans moved down by its first image, so its
 * indices count from the input's start, and writes its outputs apart, with
 * room for the lanes past its last channel.
 */
export function maxPoolWasm(x: TypedArray, layout: PoolLayout): MaxPoolResult | undefined {
  if (!(x instanceof Float32Array) || x.length < WASM_MIN_ELEMENTS) return undefined
  const { batch, inHeight, inWidth, channels, outHeight, outWidth } = layout
  const rows = windowSpans(outHeight, layout.strideHeight, layout.padTop, layout.windowHeight, inHeight)
  const columns = windowSpans(outWidth, layout.strideWidth, layout.padLeft, layout.windowWidth, inWidth)
  const imageOut = outHeight * outWidth * channels
  const outSize = batch * imageOut
  const threads = threadsFor(x.length, THREADED_MIN_ELEMENTS)
  const runs = splitRange(batch, threads * TASKS_PER_THREAD)
  // Run i's outputs start i slacks after its first image's place.
  const outputSize = outSize + runs.length * LANE_SLACK
  const rowsAt = x.length + LANE_SLACK
  const columnsAt = rowsAt + runs.length * rows.length
  const valuesAt = columnsAt + columns.length
  const argmaxAt = valuesAt + outputSize
  const runner = taskRunner(threads, 4 * (argmaxAt + outputSize))
  if (runner === undefined) return undefined
  const { heap } = runner
  heap.floats.set(x, 0)
  heap.ints.set(columns, columnsAt)
  const runOut = (run: number, first: number) => first * imageOut + run * LANE_SLACK
  runner.run(
    runs.map(([first, end], run) => {
      const spansAt = rowsAt + run * rows.length
      heap.ints.set(
        rows.map((row) => row + first * inHeight),
        spansAt,
      )
      const at = runOut(run, first)
      return [
        {
          name: 'maxPool',
          args: [
            address(0),
            address(valuesAt + at),
            address(argmaxAt + at),
            address(spansAt),
            address(columnsAt),
            end - first,
            inHeight,
            inWidth,
            channels,
            outHeight,
            outWidth,
          ],
        },
      ]
    }),
  )
  const values = allocate('float32', outSize)
  const argmax = allocate('int32', outSize)
  for (const [run, [first, end]] of runs.entries()) {
    const at = runOut(run, first)
    const length = (end - first) * imageOut
    values.set(heap.floats.subarray(valuesAt + at, valuesAt + at + length), first * imageOut)
    argmax.set(heap.ints.subarray(argmaxAt + at, argmaxAt + at + length), first * imageOut)
  }
  return { values, argmax }
}

/** `maxPoolGradKernel` for float32 `dy` of 1024 elements or more; undefined for what it computes itself. */
export function maxPoolGradWasm(
  dy: TypedArray,
  argmax: TypedArray,
  inputSize: number,
  dtype: DType,
): TypedArray | undefined {
  if (dtype !== 'float32' || !(dy instanceof Float32Array) || !(argmax instanceof Int32Array)) return undefined
  if (dy.length < WASM_MIN_ELEMENTS) return undefined
  const argmaxAt = dy.length
  const dxAt = argmaxAt + argmax.length
  const heap = wasmHeap(4 * (dxAt + inputSize))
  if (heap === undefined) return undefined
  heap.floats.set(dy, 0)
  heap.ints.set(argmax, argmaxAt)
  heap.floats.fill(0, dxAt, dxAt + inputSize)
  heap.kernels.scatterAdd(address(0), address(argmaxAt), address(dxAt), argmax.length)
  return sliceOut(heap, dxAt, inputSize)
}
