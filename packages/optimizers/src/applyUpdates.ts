import type { Params } from '@gradstream/tensor'
import { add } from '@gradstream/tensor'
import { rebuildLike } from './matchingLeaves'
import { matchedPositions } from './tree'

/**
 * New params: `params + updates`, leaf by leaf, in the leaves' dtype (so a
 * float32 step rounds as TF1's `var -= delta` does). The trees must match in
 * structure, shapes and dtypes: an update is never broadcast into a parameter.
 *
 * @throws StructureError naming the first path where they differ, e.g.
 * `applyUpdates: params.w has shape [2, 1] but updates.w has shape [2]`.
 * @example
 * applyUpdates({ w: tensor([1, 2]) }, { w: tensor([0.5, -1]) }).w.toArray() // [1.5, 1]
 */
export function applyUpdates<P extends Params>(params: P, updates: Params): P {
  // The add op makes one array per leaf; a fused kernel would copy both inputs out and its output in.
  const positions = matchedPositions('applyUpdates', ['params', params], [['updates', updates]])
  return rebuildLike(
    params,
    positions.map(([p, u]) => add(p!, u!)),
  )
}
