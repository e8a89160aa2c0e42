import { checkBoolean, checkOptions } from '@gradstream/core'
import { argnumsPlan } from './argnums'
import type { Argnums, ArgnumsPlan } from './argnums'

/**
 * Options of {@link valueAndGrad} and {@link grad}, as JAX's.
 * @example valueAndGrad(loss, { hasAux: true, argnums: [0, 1] })
 */
export interface GradientOptions {
  /** `f` returns `[loss, aux]`; `aux` is passed back untouched. Default false. */
  readonly hasAux?: boolean
  /** The positional arguments to differentiate: an index or a list of them. Default 0. */
  readonly argnums?: Argnums
}

/** Checks the options of valueAndGrad or grad once, when the gradient function is made. */
export function gradientOptions(caller: string, options: unknown): { hasAux: boolean; plan: ArgnumsPlan } {
  checkOptions(caller, options, ['hasAux', 'argnums'])
  const { hasAux = false, argnums } = options as GradientOptions
  checkBoolean(caller, 'hasAux', hasAux)
  return { hasAux, plan: argnumsPlan(caller, argnums) }
}
