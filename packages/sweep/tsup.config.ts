import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// The thread engine's workers load dist/threadWorker.js by a URL relative to the bundle, in both formats.
// The queue engine is the subpath entry `queue` (its bullmq and ioredis are optional peers, loaded only
// there), and `worker` is the `gradstream-worker` command (package.json's bin).
export default defineConfig({
  ...packageBuild,
  entry: {
    index: 'src/index.ts',
    threadWorker: 'src/engines/threadWorker.ts',
    queue: 'src/queue/index.ts',
    worker: 'src/queue/workerCli.ts',
  },
  shims: true,
})
