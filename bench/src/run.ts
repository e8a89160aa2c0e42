import os from 'node:os'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { measureMedians } from './measure'
import type { Report } from './report'
import { isPicked } from './select'
import { formatTable, formatValue } from './table'
import type { Workload } from './workload'
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
import { trainingReport } from './workloads/training'

// Every workload, in the order the tables print.
const WORKLOADS: readonly Workload[] = [matMulWorkload, chainWorkload, adamWorkload, autodiffWorkload]
// Workloads printing their own tables, after the others; memory and soak last, as they force full garbage collections.
const REPORTS: readonly Report[] = [
  trainingReport,
  lenetReport,
  mnistReport,
  convReport,
  dashboardReport,
  memoryReport,
  soakReport,
]

const DEFAULT_SAMPLES = 7
const WARMUPS = 2

/** Runs each case of `workload` for both libraries and returns its table. */
function runWorkload({ title, metric, cases }: Workload): string {
  const rows = cases.map((c) => {
    const problem = c.check?.()
    const [ours, theirs] = measureMedians([c.gradstream(), c.tfjs()], {
      samples: c.samples ?? DEFAULT_SAMPLES,
      warmups: WARMUPS,
    })
    const speedup = theirs! / ours!
    const values = [metric.value(c.work, ours!), metric.value(c.work, theirs!)]
    return [c.label, ...values.map(formatValue), `${speedup.toFixed(2)}x`, problem ?? '']
  })
  const header = ['', `gradstream ${metric.unit}`, `tfjs-cpu ${metric.unit}`, 'speedup', '']
  return `${title}\n\n${formatTable(header, rows)}`
}

await tf.setBackend('cpu')
console.log(`gradstream vs @tensorflow/tfjs-core ${tf.version_core} (cpu backend)`)
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, medians of alternating samples`)
console.log('speedup = tfjs time / gradstream time (above 1: gradstream is faster)\n')
for (const workload of WORKLOADS) if (isPicked(workload.title)) console.log(`${runWorkload(workload)}\n`)
for (const report of REPORTS) if (isPicked(report.title)) console.log(`${report.title}\n\n${await report.run()}\n`)
