import { setThreads } from '@gradstream/tensor'
import { gradstreamLenet } from '../lenet/gradstreamLenet'
import { tfjsLenet } from '../lenet/tfjsLenet'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { formatTable, formatValue } from '../table'

const CHECK_STEPS = 5
const SAMPLES = 5
/** Steps per timed run of each library: tfjs takes about 2 s a step, so one step is a sample. */
const STEPS = { gradstream: 10, tfjs: 1 }
/** PyTorch 1.13's step on this kind of machine: 3.8 ms on 1 thread, 2.8 ms on 2 (issue 13). */
const PYTORCH_MS = { oneThread: 3.8, twoThreads: 2.8 }
const GOALS = { speedup: 100, msPerStep: 4, twoThreadsOverPytorch: 1.3 }

/** Both libraries train from the same weights; their losses after the first and the last check step must agree. */
function check(): { readonly lines: string; readonly problem?: string } {
  const [ours, theirs] = [gradstreamLenet(), tfjsLenet()]
  const losses = [ours, theirs].map((run) => [run(1), run(CHECK_STEPS - 1)] as const)
  const worst = Math.max(...[0, 1].map((i) => Math.abs(losses[0]![i]! - losses[1]![i]!)))
  const format = ([first, last]: readonly [number, number]) => `${first.toFixed(5)} to ${last.toFixed(5)}`
  const lines = `loss after 1 and ${CHECK_STEPS} steps: gradstream ${format(losses[0]!)}, tfjs-cpu ${format(losses[1]!)}`
  return worst > 1e-4 ? { lines, problem: `the losses differ by up to ${worst.toExponential(2)}` } : { lines }
}

/** Trains `steps` of `run` on `threads` threads; lowering the count keeps the pool, so switching is cheap. */
const onThreads = (threads: number, run: (steps: number) => number) => () => {
  setThreads(threads)
  run(STEPS.gradstream)
}

/**
 * The convolutional classifier a user writes first: a LeNet training step on a batch of 64 images 28x28x1
 * (conv 5x5x6 VALID, relu, max pool 2; conv 5x5x16 VALID, relu, max pool 2; dense 256-120-84-10 with relu;
 * softmax cross-entropy; SGD 0.01), on one and two threads, against tfjs's cpu backend from the same weights.
 * (tfjs's wasm backend cannot train it: it has no Conv2DBackpropFilter kernel.)
 */
export const lenetReport: Report = {
  title: 'lenet: training step, batch 64 of 28x28x1, conv-pool-conv-pool-dense, SGD 0.01, float32',
  run: () => {
    const { lines, problem } = check()
    const [oneThread, twoThreads, theirs] = [gradstreamLenet(), gradstreamLenet(), tfjsLenet()]
    const seconds = measureMedians([onThreads(1, oneThread), onThreads(2, twoThreads), () => theirs(STEPS.tfjs)], {
      samples: SAMPLES,
      warmups: 1,
    })
    setThreads(1)
    const [oneMs, twoMs] = seconds.slice(0, 2).map((s) => (s / STEPS.gradstream) * 1e3) as [number, number]
    const theirsMs = (seconds[2]! / STEPS.tfjs) * 1e3
    const row = (label: string, ms: number, pytorchMs: number) => [
      label,
      formatValue(ms),
      formatValue(theirsMs),
      `${(theirsMs / ms).toFixed(1)}x`,
      formatValue(pytorchMs),
      `${(ms / pytorchMs).toFixed(2)}x`,
    ]
    const table = formatTable(
      [
        '',
        'gradstream ms/step',
        'tfjs-cpu ms/step',
        'tfjs / gradstream',
        'PyTorch ms/step',
        'gradstream / PyTorch',
        '',
      ],
      [
        [...row('LeNet step, 1 thread', oneMs, PYTORCH_MS.oneThread), problem ?? ''],
        [...row('LeNet step, 2 threads', twoMs, PYTORCH_MS.twoThreads), ''],
      ],
    )
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
    const twoThreadsGoal = GOALS.twoThreadsOverPytorch * PYTORCH_MS.twoThreads
    return [
      table,
      lines,
      `PyTorch 1.13's figures are the issue's, measured on its machine, not in this run`,
      `goals: tfjs / gradstream at least ${GOALS.speedup}x on 1 thread (${met(theirsMs / oneMs >= GOALS.speedup)}), ` +
        `at most ${GOALS.msPerStep} ms per step on 1 thread (${met(oneMs <= GOALS.msPerStep)}), ` +
        `at most ${formatValue(twoThreadsGoal)} ms on 2 threads (${met(twoMs <= twoThreadsGoal)})`,
    ].join('\n')
  },
}
