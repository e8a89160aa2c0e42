import { execFileSync, spawnSync } from 'node:child_process'

/** Whether `python3` with numpy runs here; the interop tests skip, saying so, when it does not. */
export const numpyPresent = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0

/** The title of a suite that needs numpy, with the reason when it is skipped. */
export function numpySuiteTitle(title: string): string {
  return numpyPresent ? title : `${title}: SKIPPED, python3 with numpy not found (apt-get install python3-numpy)`
}

/** Runs a Python program with `args` in `cwd` and parses the JSON it prints last. */
export function runPython<T>(program: string, cwd: string, ...args: string[]): T {
  const out = execFileSync('python3', ['-c', program, ...args], { cwd, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1)!) as T
}
