import { ConfigError, checkInteger, describe } from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { PARAMS } from './traceCall'
import type { DifferentiatedArgument } from './traceCall'

/**
 * Which positional arguments a gradient is taken with respect to, as JAX's
 * `argnums`: one index, or a list of distinct indices.
 * @example valueAndGrad(f, { argnums: [0, 2] })
 */
export type Argnums = number | readonly number[]

/**
 * The indices of `A` that hold pytrees of tensors: what argnums may pick.
 * @example type I = ParamsIndex<[Tensor, number, { w: Tensor }]> // 0 | 2
 */
export type ParamsIndex<A extends readonly unknown[]> = {
  [K in keyof A]: A[K] extends Params ? (K extends `${infer I extends number}` ? I : never) : never
}[number]

/**
 * Argnums that pick only arguments of `A` that are pytrees of tensors.
 * @example const picks: ParamsArgnums<[Tensor, number]> = 0
 */
export type ParamsArgnums<A extends readonly unknown[]> = ParamsIndex<A> | readonly ParamsIndex<A>[]

/**
 * The type of the gradients for `argnums` `N` of a function taking `A`: the
 * argument's own type for one index, a tuple of them in the list's order.
 * @example type G = ArgnumsGrads<[Tensor, number, { w: Tensor }], readonly [2, 0]> // [{ w: Tensor }, Tensor]
 */
export type ArgnumsGrads<A extends readonly unknown[], N extends Argnums> = N extends number
  ? A[N]
  : { -readonly [K in keyof N]: A[N[K] & number] }

/** Checked argnums: what to differentiate at each call, and whether the gradients are one tree or a tuple. */
export interface ArgnumsPlan {
  /** True when the gradients are one tree (argnums omitted or a number), false for a tuple. */
  readonly single: boolean
  /** The differentiated arguments of a call with `count` arguments. */
  readonly differentiated: (caller: string, count: number) => readonly DifferentiatedArgument[]
}

/** The plan when argnums is left out: the first argument, named `params`, its gradients one tree. */
export const PARAMS_PLAN: ArgnumsPlan = { single: true, differentiated: () => PARAMS }

/**
 * Checks `argnums` once, when the gradient function is made. Omitted, the
 * first argument is differentiated and named `params` in messages; chosen,
 * argument i is named `args[i]`.
 */
export function argnumsPlan(caller: string, argnums: unknown): ArgnumsPlan {
  if (argnums === undefined) return PARAMS_PLAN
  if (typeof argnums === 'number') checkInteger(caller, 'argnums', argnums, 0)
  const indices = typeof argnums === 'number' ? [argnums] : argnumsList(caller, argnums)
  const chosen = indices.map((index) => ({ index, name: `args[${index}]` }))
  return {
    single: typeof argnums === 'number',
    differentiated: (fn, count) => {
      const past = indices.find((index) => index >= count)
      if (past !== undefined) {
        throw new ConfigError(
          fn,
          `argnums asks for argument ${past}, but the function was called with ${count} argument${count === 1 ? '' : 's'}`,
        )
      }
      return chosen
    },
  }
}

function argnumsList(caller: string, argnums: unknown): number[] {
  if (!Array.isArray(argnums)) {
    throw new ConfigError(
      caller,
      `argnums must be an integer >= 0 or a non-empty array of them, got ${describe(argnums)}`,
    )
  }
  if (argnums.length === 0) throw new ConfigError(caller, 'argnums must not be empty')
  const list: unknown[] = argnums
  list.forEach((index, i) => checkInteger(caller, `argnums[${i}]`, index, 0))
  const indices = list as number[]
  const repeated = indices.find((index, i) => indices.indexOf(index) !== i)
  if (repeated !== undefined) {
    throw new ConfigError(caller, `argnums lists argument ${repeated} twice; each argument is differentiated once`)
  }
  return indices
}
