import { ConfigError } from '@gradstream/tensor'

/** Throws a ConfigError naming the first option key that `fn` does not know (a typo would otherwise be ignored). */
export function checkOptions(fn: string, options: object, known: readonly string[]): void {
  if (options === null || typeof options !== 'object') {
    throw new ConfigError(fn, `options must be an object, got ${options === null ? 'null' : typeof options}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ConfigError(fn, `unknown option '${key}' (known: ${known.join(', ')})`)
  }
}
