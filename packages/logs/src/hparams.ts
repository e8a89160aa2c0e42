import type { HParamValue, HParams } from '@gradstream/core'

/**
 * The hyper-parameters one level deep, nested names joined with `.`, as TensorBoard's HParams dashboard lists them.
 * @example flattenHParams({ optimizer: { name: 'adam', beta1: 0.9 }, batchSize: 64 })
 * // [['optimizer.name', 'adam'], ['optimizer.beta1', 0.9], ['batchSize', 64]]
 */
export function flattenHParams(hparams: HParams): [string, HParamValue][] {
  return flattenUnder('', hparams)
}

function flattenUnder(prefix: string, hparams: HParams): [string, HParamValue][] {
  return Object.entries(hparams).flatMap(([name, value]): [string, HParamValue][] =>
    typeof value === 'object' ? flattenUnder(`${prefix}${name}.`, value) : [[`${prefix}${name}`, value]],
  )
}
