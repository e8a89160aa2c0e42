#!/usr/bin/env node
// The `gradstream` command of @gradstream/plot: `gradstream dashboard <logdir>`.
import { runDashboardCommand } from './dashboardCommand'

void runDashboardCommand(process.argv.slice(2), { out: console.log, err: console.error }).then((result) => {
  if (typeof result === 'number') {
    process.exitCode = result
    return
  }
  const stop = () => void result.close().then(() => process.exit(0))
  process.once('SIGINT', stop).once('SIGTERM', stop)
})
