import { ConfigError, describe } from '@gradstream/core'

/** Throws a ConfigError unless `bytes` is a Uint8Array (a Node Buffer is one). */
export function checkBytes(fn: string, bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new ConfigError(fn, `bytes must be a Uint8Array, got ${describe(bytes)}`)
}
