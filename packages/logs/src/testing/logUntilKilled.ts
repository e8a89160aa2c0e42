// Run in a child process by crash.test.ts: logs a snapshot with long loss-term names every millisecond to the JSON
// Lines and CSV files named on the command line, until it is killed.
import { interval, map } from 'rxjs'
import { csvLog } from '../csvLog'
import { jsonlLog } from '../jsonlLog'

const [jsonlPath, csvPath] = process.argv.slice(2) as [string, string]
// Two hundred terms make each line some kilobytes long, so a kill often lands while lines are being written.
const terms = Array.from({ length: 200 }, (_, i) => `a_rather_long_loss_term_name_${i}`)
interval(1)
  .pipe(
    map((i) => ({
      step: i + 1,
      loss: i + 1,
      losses: Object.fromEntries(terms.map((term) => [term, i + 1])),
      learningRate: 0.1,
    })),
    jsonlLog(jsonlPath),
    csvLog(csvPath),
  )
  .subscribe()
