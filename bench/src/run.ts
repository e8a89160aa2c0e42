import os from 'node:os'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { measureMedians } from './measure'
import type { Report } from './report'
import { isPicked } from './select'
import { formatTable, formatValue } from './table'
import { prepareTfjsWasm, withTfjsBackend } from './tfjsWasm'
import type { Implementation, Workload } from './workload'
import { adamWorkload } from './workloads/adam'
import { autodiffWorkload } from './workloads/autodiff'
import { chainWorkload } from './workloads/chain'
import { convReport } from './workloads/conv'
import { dashboardReport } from './workloads/dashboard'
import { lenetReport } from './workloads/lenet'
import { matMulWorkload } from './workloads/matMul'
import { memoryReport } from './workloads/memory'
import { mnistReport } from './workloads/mnist'
import { soakReport } from './workloads/soak'
import { sweepReport } from './workloads/sweep'
import { scalarGdReport } from './workloads/scalarGd'
import { trainingReport } from './workloads/training'

// Every workload, in the order the tables print.
const WORKLOADS: readonly Workload[] = [matMulWorkload, chainWorkload, adamWorkload, autodiffWorkload]
// Workloads printing their own tables, after the others; memory and soak last, as they force full garbage collections.
const REPORTS: readonly Report[] = [
  trainingReport,
  scalarGdReport,
  lenetReport,
  mnistReport,
  convReport,
  dashboardReport,
  sweepReport,
  memoryReport,
  soakReport,
]

const DEFAULT_SAMPLES = 7
const WARMUPS = 2

/**
 * tfjs's implementation set up and run with `backend` active. A run switches backends only when the other one ran
 * last, so once per alternating sample rather than once per run (a switch sets up every kernel of the backend).
 */
function onBackend(backend: 'cpu' | 'wasm', implementation: Implementation): () => void {
  const run = withTfjsBackend(backend, implementation)
  return () => {
    if (tf.getBackend() !== backend) void tf.setBackend(backend)
    run()
  }
}

/** Runs each case of `workload` for each library and returns its table; tfjs-wasm's column only if a case has it. */
async function runWorkload({ title, metric, cases }: Workload): Promise<string> {
  const withWasm = cases.some((c) => c.tfjsWasm !== undefined)
  if (withWasm) await prepareTfjsWasm()
  const rows = cases.map((c) => {
    const problem = c.check?.()
    const tfjsRuns = [onBackend('cpu', c.tfjs), ...(c.tfjsWasm ? [onBackend('wasm', c.tfjsWasm)] : [])]
    const [ours, ...theirs] = measureMedians([c.gradstream(), ...tfjsRuns], {
      samples: c.samples ?? DEFAULT_SAMPLES,
      warmups: WARMUPS,
    })
    void tf.setBackend('cpu')
    const compared = theirs.flatMap((time) => [
      formatValue(metric.value(c.work, time)),
      `${(time / ours!).toFixed(2)}x`,
    ])
    const missing = withWasm && c.tfjsWasm === undefined ? ['', ''] : []
    return [c.label, formatValue(metric.value(c.work, ours!)), ...compared, ...missing, problem ?? '']
  })
  const wasmHeader = withWasm ? [`tfjs-wasm ${metric.unit}`, 'speedup'] : []
  const header = ['', `gradstream ${metric.unit}`, `tfjs-cpu ${metric.unit}`, 'speedup', ...wasmHeader, '']
  return `${title}\n\n${formatTable(header, rows)}`
}

await tf.setBackend('cpu')
console.log(`gradstream vs @tensorflow/tfjs-core ${tf.version_core} (cpu backend; wasm where a table has its column)`)
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, medians of alternating samples`)
console.log(
  'speedup = tfjs time / gradstream time (above 1: gradstream is faster); tfjs-wasm: its wasm backend, 1 thread\n',
)
for (const workload of WORKLOADS) if (isPicked(workload.title)) console.log(`${await runWorkload(workload)}\n`)
for (const report of REPORTS) if (isPicked(report.title)) console.log(`${report.title}\n\n${await report.run()}\n`)
