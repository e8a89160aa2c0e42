import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '@gradstream/core'
import { availableThreads, getThreads, runOnThreads, setThreads, threadedHeap } from './threadPool'

describe('setThreads', () => {
  const initialThreads = getThreads()
  afterAll(() => setThreads(initialThreads))

  it('defaults to the number of cores', async () => {
    const { availableParallelism } = await import('node:os')
    expect(initialThreads).toBe(availableParallelism())
  })

  it('sets the thread count the pool starts with', () => {
    setThreads(3)
    expect(getThreads()).toBe(3)
    expect(availableThreads()).toBe(3)
    setThreads(1)
    expect(availableThreads()).toBe(1)
  })

  it.each([0, 1.5, -2, NaN, '2'])('refuses %s with a ConfigError', (value) => {
    expect(() => setThreads(value as number)).toThrow(ConfigError)
    expect(() => setThreads(value as number)).toThrow(/^setThreads: threads must be an integer >= 1, got /)
  })
})

describe('the thread pool', () => {
  it('reports a call that traps, on whichever thread ran it, and stays usable', () => {
    setThreads(2)
    const heap = threadedHeap(4 * 8)!
    const outOfBounds = 2 ** 31 - 16 // past the memory: every thread that runs this call traps
    const trapping = { name: 'transpose', args: [outOfBounds, 0, 2, 2, 2] } as const
    expect(() => runOnThreads([[trapping], [trapping], [trapping]])).toThrow(
      /out of bounds|a worker failed running transpose/,
    )
    heap.floats.set([1, 2, 3, 4], 0)
    runOnThreads([[{ name: 'transpose', args: [0, 16, 2, 2, 2] }]])
    expect(Array.from(heap.floats.subarray(4, 8))).toEqual([1, 3, 2, 4])
  })

  it('runs the calls of each task in order', () => {
    setThreads(2)
    const heap = threadedHeap(4 * 16 * 64)!
    // Each task transposes its 2 x 2 block twice, through a scratch block of its own: the identity only in order.
    const tasks = Array.from({ length: 64 }, (_, t) => {
      const [block, scratch] = [16 * t, 16 * t + 4]
      return [
        { name: 'transpose', args: [4 * block, 4 * scratch, 2, 2, 2] },
        { name: 'transpose', args: [4 * scratch, 4 * block, 2, 2, 2] },
      ] as const
    })
    for (let t = 0; t < 64; t++) heap.floats.set([t, t + 0.25, t + 0.5, t + 0.75, 0, 0, 0, 0], 16 * t)
    runOnThreads(tasks)
    for (let t = 0; t < 64; t++)
      expect(Array.from(heap.floats.subarray(16 * t, 16 * t + 4))).toEqual([t, t + 0.25, t + 0.5, t + 0.75])
  })

  it('keeps every task in order when the tasks pass the call table, in rounds', () => {
    setThreads(2)
    const [tasks, length] = [3, 2000] // 6000 calls: more than one table holds
    const heap = threadedHeap(4 * (4 + tasks * (length + 4)))!
    heap.floats.fill(1, 0, 4)
    // Call i of a task sets x[i] = x[i - 1] + 1 (its vector also writes x[i + 1 .. i + 3], which call i + 1 then sets).
    const regionAt = (task: number) => 4 + task * (length + 4)
    const chains = Array.from({ length: tasks }, (_, task) =>
      Array.from({ length: length - 1 }, (_, i) => {
        const x = regionAt(task) + i
        return { name: 'arithmetic', args: [4 * x, 0, 4 * (x + 1), 4, 0] } as const
      }),
    )
    for (let task = 0; task < tasks; task++) heap.floats[regionAt(task)] = 0
    runOnThreads(chains)
    for (let task = 0; task < tasks; task++) {
      const region = heap.floats.subarray(regionAt(task), regionAt(task) + length)
      expect(region.findIndex((v, i) => v !== i)).toBe(-1)
    }
  })

  it('lowers the thread count without stopping the workers, and raises it back', () => {
    setThreads(3)
    expect(availableThreads()).toBe(3)
    setThreads(2)
    expect(availableThreads()).toBe(2)
    const heap = threadedHeap(4 * 8)!
    heap.floats.set([1, 2, 3, 4], 0)
    runOnThreads([[{ name: 'transpose', args: [0, 16, 2, 2, 2] }], []])
    expect(Array.from(heap.floats.subarray(4, 8))).toEqual([1, 3, 2, 4])
    setThreads(3)
    expect(threadedHeap(4 * 8)).toBe(heap) // the same pool and memory
    expect(availableThreads()).toBe(3)
  })

  it('never keeps a process alive: a script that used it for a product and a convolution exits on its own', () => {
    const pool = fileURLToPath(new URL('./threadPool.ts', import.meta.url))
    const matMul = fileURLToPath(new URL('../../ops/matMul.ts', import.meta.url))
    const conv2d = fileURLToPath(new URL('../../ops/conv2d.ts', import.meta.url))
    const creation = fileURLToPath(new URL('../../creation.ts', import.meta.url))
    const script = [
      `const { setThreads, availableThreads } = await import(${JSON.stringify(pool)})`,
      `const { matMul } = await import(${JSON.stringify(matMul)})`,
      `const { conv2d } = await import(${JSON.stringify(conv2d)})`,
      `const { ones } = await import(${JSON.stringify(creation)})`,
      'setThreads(2)',
      'const product = matMul(ones([200, 200]), ones([200, 200])).dataSync()',
      // LeNet's first convolution: large enough to be split.
      'const convolved = conv2d(ones([64, 28, 28, 1]), ones([5, 5, 1, 6])).dataSync()',
      'console.log(availableThreads(), product[0], convolved[0])',
    ].join('\n')
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(output.trim()).toBe('2 200 25')
  })
})
