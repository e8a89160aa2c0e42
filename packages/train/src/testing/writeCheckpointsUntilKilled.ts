// Run in a child process by checkpointToFile.test.ts: writes a 1 MB checkpoint
// to the file named on the command line at every step, until it is killed.
import { tensor } from '@gradstream/tensor'
import { interval, map } from 'rxjs'
import { checkpointToFile } from '../operators/checkpointToFile'

const path = process.argv[2]!
const size = 250_000
interval(0)
  .pipe(
    // Every value of step n's parameter is n, so a file mixing two writes would show.
    map((i) => ({ step: i + 1, params: { w: tensor(new Float32Array(size).fill(i + 1)) }, optimizer: {} })),
    checkpointToFile(path, { everySteps: 1 }),
  )
  .subscribe()
