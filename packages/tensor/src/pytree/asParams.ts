import type { Params } from './PyTree'

/** Lets a test hand a malformed tree to a function that checks its input at runtime. */
export function asParams(value: unknown): Params {
  return value as Params
}
