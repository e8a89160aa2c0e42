// A run module that reports the tensor kernels' thread count its worker thread set, by failing with it: the
// run's `failed` event carries the number, with no training to wait for.
import { getThreads } from '@gradstream/tensor'
import { defineRun } from '../defineRun'

export default defineRun(() => {
  throw new Error(`kernel threads: ${getThreads()}`)
})
