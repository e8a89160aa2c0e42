import type { Params } from '@gradstream/autodiff'
import { runLeafKernel } from './leafKernel'
import type { LeafKernel } from './leafKernel'
import { mapMatching } from './tree'

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
  return mapMatching(
    'applyUpdates',
    ['params', params],
    [['updates', updates]],
    ([p, u]) => runLeafKernel('applyUpdates', p!, { p: p!, u: u! }, ['sum'], addKernel).sum,
  )
}

const addKernel: LeafKernel<'p' | 'u', 'sum'> = ({ p, u }, { sum }, r) => {
  for (let i = 0; i < p.length; i++) sum[i] = r(p[i]! + u[i]!)
}
