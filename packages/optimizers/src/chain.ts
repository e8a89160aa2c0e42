import { describe, StructureError } from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { checkTransformation } from './transformation'
import type { GradientTransformation, StateOf } from './transformation'

/** The state of `chain(...transforms)`: one child state per transformation, in order. */
export type ChainState<T extends readonly GradientTransformation<unknown>[]> = {
  readonly [K in keyof T]: StateOf<T[K]>
}

/**
 * Runs transformations one after another: each receives the updates the
 * previous one produced. The state is the tuple of the children's states.
 *
 * @example
 * const params = { w: tensor([1, 2]) }
 * const opt = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(0.001))
 * const state = opt.init(params) // [{ count: 0 }, { count: 0, mu, nu, beta1Power, beta2Power }, { count: 0 }]
 * const { updates } = opt.update({ w: tensor([30, 40]) }, state) // clipped to [0.6, 0.8], Adam, then −lr
 */
export function chain<const T extends readonly GradientTransformation<unknown>[]>(
  ...transforms: T
): GradientTransformation<ChainState<T>> {
  transforms.forEach((transform, i) => checkTransformation('chain', transform, `transforms[${i}]`))
  return {
    init(params) {
      return freezeTuple<ChainState<T>>(transforms.map((t) => t.init(params)))
    },
    update(updates, state, params) {
      checkChainState(state, transforms.length)
      const children = new Array<unknown>(transforms.length)
      let current: Params = updates
      for (let i = 0; i < transforms.length; i++) {
        const result = transforms[i]!.update(current, state[i], params)
        current = result.updates
        children[i] = result.state
      }
      return { updates: current, state: freezeTuple<ChainState<T>>(children) }
    },
  }
}

function checkChainState(state: unknown, length: number): void {
  if (!Array.isArray(state)) {
    throw new StructureError(
      'chain',
      `the state must be the array of ${length} child states that init returned, got ${describe(state)}`,
    )
  }
  if (state.length !== length) {
    throw new StructureError(
      'chain',
      `the state has ${state.length} child states but the chain has ${length} transformations; pass the state this chain's init returned`,
    )
  }
}

// The one place the mapped tuple type meets the array of child states:
// TypeScript cannot follow a map over a tuple type, so the cast lives here.
// `children` is the caller's fresh array, frozen in place rather than copied.
function freezeTuple<S>(children: unknown[]): S {
  return Object.freeze(children) as S
}
