import type { HParams, HParamValue } from '@gradstream/core'

// Long enough for a few hyper-parameters, short enough for any file system's 255-byte names.
const MAX_NAME_LENGTH = 120

/**
 * The name of a run from its config, usable as a directory name anywhere:
 * `key=value` pairs in the config's key order joined by `,` (nested objects
 * as `outer.inner=value`), every character other than letters, digits and
 * `.=,+-` replaced by `_`, cut to 120 characters. The same config always
 * gets the same name; a sweep makes them unique with {@link uniqueNames}.
 * @example runName({ lr: 0.01, optimizer: { name: 'adam' }, note: 'a/b c' }) // 'lr=0.01,optimizer.name=adam,note=a_b_c'
 */
export function runName(config: HParams): string {
  const text = pairs(config, '')
    .join(',')
    .replace(/[^A-Za-z0-9.=,+-]/g, '_')
  return text === '' ? 'run' : text.slice(0, MAX_NAME_LENGTH)
}

/**
 * Names made unique, in order: where a name has come before (equal configs,
 * or names cut short or sanitised to the same text), `-2`, `-3`, ... is
 * added to the later ones.
 * @example uniqueNames(['lr=0.1', 'lr=0.1', 'lr=0.2']) // ['lr=0.1', 'lr=0.1-2', 'lr=0.2']
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((base) => {
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
    taken.add(name)
    return name
  })
}

function pairs(config: HParams, prefix: string): string[] {
  return Object.entries(config).flatMap(([key, value]: [string, HParamValue | HParams]) =>
    typeof value === 'object' ? pairs(value, `${prefix}${key}.`) : [`${prefix}${key}=${String(value)}`],
  )
}
