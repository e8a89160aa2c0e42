import { beforeAll, describe, expect, it, vi } from 'vitest'
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from '../conv2d'
import type * as Conv2dWasmModule from '../conv2dWasm'
import type { PoolLayout } from '../layouts'
import { maxPoolKernel } from '../poolMax'
import type * as PoolMaxWasmModule from '../poolMaxWasm'
import { expectSameBits, geometry, layoutOf, sizes, values } from '../testing/conv2dTestSupport'
import type * as TaskRunnerModule from './taskRunner'

// Tasks must write disjoint memory, so the order they run in cannot matter. Here every kernel that splits its
// work is split as for three threads and its tasks run on this thread from the last to the first: a task that
// wrote into a later task's part (a direct block's lanes past its last channel, a pooling scan's past its last
// channel) would now write after that task and change its output, whatever the machine's load.
vi.mock('./taskRunner', async (importOriginal) => {
  const original = await importOriginal<typeof TaskRunnerModule>()
  return {
    ...original,
    threadsFor: () => 3,
    taskRunner: (_threads: number, bytes: number) => {
      const runner = original.taskRunner(1, bytes)
      return (
        runner && {
          heap: runner.heap,
          run: (tasks: Parameters<typeof runner.run>[0]) => runner.run([...tasks].reverse()),
        }
      )
    },
  }
})

const CONVOLUTIONS = [
  ['6 channels read directly', geometry({ batch: 5, height: 12, width: 11, inChannels: 2, outChannels: 6 })],
  ['12 channels read directly, SAME', geometry({ batch: 4, height: 9, width: 9, outChannels: 12, padding: 'SAME' })],
  [
    '33 channels in panels, strides [2, 3]',
    geometry({ batch: 3, height: 13, width: 10, inChannels: 4, outChannels: 33, stride: [2, 3], padding: 'SAME' }),
  ],
] as const

describe('the split kernels with their tasks in reverse order', () => {
  // The test setup has loaded the package already: the kernels are loaded again, over the mock.
  let conv: typeof Conv2dWasmModule
  let pool: typeof PoolMaxWasmModule
  beforeAll(async () => {
    vi.resetModules()
    ;[conv, pool] = await Promise.all([import('../conv2dWasm'), import('../poolMaxWasm')])
  })

  it.each(CONVOLUTIONS)('give the TypeScript bits for the convolutions, %s', (_name, g) => {
    const l = layoutOf(g)
    const { x: xSize, filter: fSize, y: ySize } = sizes(l)
    const [x, f, dy] = [values(xSize, 1), values(fSize, 2), values(ySize, 3)]
    expectSameBits(conv.conv2dWasm(x, f, l)!, conv2dKernel(x, f, l))
    expectSameBits(conv.conv2dBackpropFilterWasm(x, dy, l)!, conv2dBackpropFilterKernel(x, dy, l))
    expectSameBits(conv.conv2dBackpropInputWasm(f, dy, l)!, conv2dBackpropInputKernel(f, dy, l))
  })

  it('give the TypeScript scan for max pooling, 6 channels', () => {
    const layout: PoolLayout = {
      batch: 9,
      inHeight: 8,
      inWidth: 8,
      channels: 6,
      outHeight: 4,
      outWidth: 4,
      windowHeight: 2,
      windowWidth: 2,
      strideHeight: 2,
      strideWidth: 2,
      padTop: 0,
      padLeft: 0,
    }
    const x = values(9 * 8 * 8 * 6, 4)
    const { values: pooled, argmax } = pool.maxPoolWasm(x, layout)!
    const reference = maxPoolKernel(x, layout)
    expectSameBits(pooled, reference.values)
    expect(Array.from(argmax)).toEqual(Array.from(reference.argmax))
  })
})
