#!/usr/bin/env node
// The `gradstream-worker` command of @gradstream/sweep: takes a sweep's runs from a BullMQ queue in Redis.
import { runWorkerCommand } from './workerCommand'

void runWorkerCommand(process.argv.slice(2), { out: console.log, err: console.error }).then((result) => {
  if (typeof result === 'number') {
    process.exitCode = result
    return
  }
  const stop = () => void result.close().then(() => process.exit(0))
  process.once('SIGINT', stop).once('SIGTERM', stop)
})
