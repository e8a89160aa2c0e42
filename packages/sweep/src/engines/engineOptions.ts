import { checkInteger, checkOptions } from '@gradstream/core'

/**
 * Options every engine takes.
 * @example const options: EngineOptions = { concurrency: 2, checkpointEvery: 50 }
 */
export interface EngineOptions {
  /** How many runs at once. */
  readonly concurrency?: number
  /** Each run writes its checkpoint every this many steps (default 100), and at its last step. */
  readonly checkpointEvery?: number
}

/** Checks an engine's options; returns them with the concurrency defaulted to `defaultConcurrency`. */
export function checkEngineOptions(
  fn: string,
  options: EngineOptions,
  known: readonly string[],
  defaultConcurrency: number,
): { concurrency: number; checkpointEvery: number } {
  checkOptions(fn, options, known)
  const { concurrency = defaultConcurrency, checkpointEvery = 100 } = options
  if (concurrency !== Infinity) checkInteger(fn, 'concurrency', concurrency, 1)
  checkInteger(fn, 'checkpointEvery', checkpointEvery, 1)
  return { concurrency, checkpointEvery }
}
