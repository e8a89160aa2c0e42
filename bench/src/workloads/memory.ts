import { formatTable } from '../table'
import type { Report } from '../report'
import { linearProblem } from '../seedProblems'
import { fitProblem } from '../trainingLoops'

export const TOTAL_STEPS = 200_000
/** Steps after which the heap is read; growth is measured from the first, once the JIT and caches have settled. */
export const SAMPLE_STEPS = [20_000, 50_000, 100_000, 150_000, TOTAL_STEPS]
/** A stream that kept even one small tensor per step would grow by tens of MB over the 180,000 steps measured. */
const FLAT_BYTES = 1 << 20

/** Bytes of heap in use, after a full collection when the process runs with --expose-gc (the bench script does). */
export function heapUsed(): number {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

export const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(2)
export const signedMegabytes = (bytes: number) => `${bytes >= 0 ? '+' : ''}${megabytes(bytes)}`
export const thousands = (n: number) => n.toLocaleString('en-US')

/**
 * The heap table of a long run read at SAMPLE_STEPS, and the line that judges its growth from the first sample
 * against the 1 MB goal (`goal` says what the goal is).
 */
export function heapGrowthLines(heap: ReadonlyMap<number, number>, goal: string): string[] {
  const first = heap.get(SAMPLE_STEPS[0]!)!
  const rows = SAMPLE_STEPS.map((step) => [
    thousands(step),
    megabytes(heap.get(step)!),
    signedMegabytes(heap.get(step)! - first),
  ])
  const growth = heap.get(TOTAL_STEPS)! - first
  const measured = TOTAL_STEPS - SAMPLE_STEPS[0]!
  const verdict = Math.abs(growth) < FLAT_BYTES ? 'flat' : 'GROWS'
  return [
    formatTable(['step', 'heap MB', `change since ${thousands(SAMPLE_STEPS[0]!)}`], rows),
    `growth over the last ${thousands(measured)} steps: ${signedMegabytes(growth)} MB ` +
      `(${(growth / measured).toFixed(2)} bytes/step): ${verdict} (goal: ${goal})`,
  ]
}

/** Trains the linear problem for TOTAL_STEPS steps through `fit`, reading the heap at SAMPLE_STEPS. */
function sampleHeap(): Map<number, number> {
  const heap = new Map<number, number>()
  // The subscriber keeps nothing of the snapshots: it only reads the heap at the sample steps.
  fitProblem(linearProblem('asymmetric'), TOTAL_STEPS).subscribe(({ step }) => {
    if (SAMPLE_STEPS.includes(step)) heap.set(step, heapUsed())
  })
  return heap
}

/**
 * Whether a long run through the stream keeps memory: the heap after 200,000 steps of the custom-loss linear
 * model through `fit`, with a subscriber that keeps nothing, must stay flat rather than grow with the steps.
 */
export const memoryReport: Report = {
  title: `memory: heap over ${thousands(TOTAL_STEPS)} steps of the custom-loss linear model through fit`,
  run: () => {
    const heap = sampleHeap()
    return [
      ...heapGrowthLines(heap, 'under 1 MB, not proportional to steps'),
      globalThis.gc
        ? 'heap read after a forced full collection'
        : 'run with --expose-gc to read the heap after a full collection',
    ].join('\n')
  },
}
