import { spawnSync } from 'node:child_process'

/** Whether python3 runs here: the tests that check files against an independent Python reader or writer need it. */
export const pythonPresent = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0
