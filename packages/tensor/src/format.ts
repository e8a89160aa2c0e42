import type { Tensor } from './tensor'

export interface FormatOptions {
  /** `'repr'`: `array([...], dtype=float32)`; `'str'`: the bare nested list, as `print` shows it. */
  readonly style?: 'repr' | 'str'
}

/** numpy-style text for a tensor. */
export function formatTensor(tensor: Tensor, { style = 'str' }: FormatOptions = {}): string {
  const body = JSON.stringify(tensor.toArray())
  return style === 'repr' ? `array(${body}, dtype=${tensor.dtype})` : body
}
