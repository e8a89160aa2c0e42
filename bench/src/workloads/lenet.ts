import { gradstreamLenet } from '../lenet/gradstreamLenet'
import { tfjsLenet } from '../lenet/tfjsLenet'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { formatTable, formatValue } from '../table'

const CHECK_STEPS = 5
const SAMPLES = 5
/** Steps per timed run of each library: tfjs takes about 2 s a step, so one step is a sample. */
const STEPS = { gradstream: 10, tfjs: 1 }
const GOALS = { speedup: 100, msPerStep: 4 }

/** Both libraries train from the same weights; their losses after the first and the last check step must agree. */
function check(): { readonly lines: string; readonly problem?: string } {
  const [ours, theirs] = [gradstreamLenet(), tfjsLenet()]
  const losses = [ours, theirs].map((run) => [run(1), run(CHECK_STEPS - 1)] as const)
  const worst = Math.max(...[0, 1].map((i) => Math.abs(losses[0]![i]! - losses[1]![i]!)))
  const format = ([first, last]: readonly [number, number]) => `${first.toFixed(5)} to ${last.toFixed(5)}`
  const lines = `loss after 1 and ${CHECK_STEPS} steps: gradstream ${format(losses[0]!)}, tfjs-cpu ${format(losses[1]!)}`
  return worst > 1e-4 ? { lines, problem: `the losses differ by up to ${worst.toExponential(2)}` } : { lines }
}

/**
 * The convolutional classifier a user writes first: a LeNet training step on a batch of 64 images 28x28x1
 * (conv 5x5x6 VALID, relu, max pool 2; conv 5x5x16 VALID, relu, max pool 2; dense 256-120-84-10 with relu;
 * softmax cross-entropy; SGD 0.01), against tfjs's cpu backend from the same weights.
 */
export const lenetReport: Report = {
  title: 'lenet: training step, batch 64 of 28x28x1, conv-pool-conv-pool-dense, SGD 0.01, float32',
  run: () => {
    const { lines, problem } = check()
    const [ours, theirs] = [gradstreamLenet(), tfjsLenet()]
    const seconds = measureMedians([() => ours(STEPS.gradstream), () => theirs(STEPS.tfjs)], {
      samples: SAMPLES,
      warmups: 1,
    })
    const [oursMs, theirsMs] = [seconds[0]! / STEPS.gradstream, seconds[1]! / STEPS.tfjs].map((s) => s * 1e3)
    const speedup = theirsMs! / oursMs!
    const table = formatTable(
      ['', 'gradstream ms/step', 'tfjs-cpu ms/step', 'tfjs / gradstream', ''],
      [['LeNet step', formatValue(oursMs!), formatValue(theirsMs!), `${speedup.toFixed(1)}x`, problem ?? '']],
    )
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met')
    return [
      table,
      lines,
      `goals: tfjs / gradstream at least ${GOALS.speedup}x (${met(speedup >= GOALS.speedup)}), ` +
        `at most ${GOALS.msPerStep} ms per step (${met(oursMs! <= GOALS.msPerStep)})`,
    ].join('\n')
  },
}
