import { ConfigError, describe } from '@gradstream/core'
import { formatTensor } from '@gradstream/tensor'
import { Tensor } from '@gradstream/tensor'

/**
 * The text Python's `print(a, b, ...)` writes (without the final newline):
 * the parts joined by single spaces, tensors in numpy's `str` format
 * (`formatTensor`'s default; pass `formatTensor(t, { legacy: '1.13' })` as a
 * string for numpy 1.13's layout, as TF1-era transcripts show arrays).
 *
 * @example
 * pyPrint(tensor([[1], [2]]), '\n') // numpy's '[[1.]\n [2.]]', then ' \n', as print(w1, "\n") shows it
 */
export function pyPrint(...parts: readonly (string | Tensor)[]): string {
  parts.forEach((part, i) => {
    if (typeof part !== 'string' && !(part instanceof Tensor)) {
      throw new ConfigError('pyPrint', `parts[${i}] must be a string or a Tensor, got ${describe(part)}`)
    }
  })
  return parts.map((part) => (part instanceof Tensor ? formatTensor(part, { style: 'str' }) : part)).join(' ')
}
