import { StructureError, describe, isPlainObject } from '@gradstream/core'
import { unflattenTree } from '@gradstream/tensor'
import { MASK, checkPerLeaf, collectByPath, flatTree, paramsByPath, subtreeByPath, valuesPerLeaf } from './perLeaf'
import type { PerLeaf } from './perLeaf'
import { checkTransformation } from './transformation'
import type { GradientTransformation } from './transformation'

/** Which parameters a transformation applies to: `true` to transform, `false` to pass through; see {@link PerLeaf}. */
export type Mask = PerLeaf<boolean>

/** The state of {@link masked}: the inner transformation's state, over the selected leaves keyed by path. */
export interface MaskedState<S> {
  readonly inner: S
}

/**
 * Applies `inner` to the parameters `mask` selects and passes the other
 * updates through unchanged (optax's `masked`). The inner transformation sees
 * the selected leaves as one plain object keyed by path (`{ 'layers[0].w': … }`),
 * so its state holds slots for those leaves only. A mask function is called
 * with the params' leaves in `init` and the updates' leaves in `update`, so
 * it should decide by path, shape or rank (the same for both).
 *
 * @example
 * const params = { w: tensor([[1, 2]]), b: tensor([1]) }
 * const clipMatrices = masked(clipByValue(-1, 1), (path, leaf) => leaf.rank > 1)
 * const { updates } = clipMatrices.update({ w: tensor([[5, -5]]), b: tensor([5]) }, clipMatrices.init(params))
 * updates // { w: [[1, -1]], b: [5] }
 */
export function masked<S>(inner: GradientTransformation<S>, mask: Mask): GradientTransformation<MaskedState<S>> {
  checkTransformation('masked', inner, 'inner')
  checkPerLeaf('masked', MASK, mask)
  return {
    init(params) {
      const tree = flatTree('masked', 'params', params)
      const selected = valuesPerLeaf('masked', MASK, mask, tree, 'params')
      return Object.freeze({ inner: inner.init(subtreeByPath(tree, (i) => selected[i]!)) })
    },
    update(updates, state, params) {
      checkMaskedState('masked', state)
      const tree = flatTree('masked', 'updates', updates)
      const selected = valuesPerLeaf('masked', MASK, mask, tree, 'updates')
      const pick = (i: number) => selected[i]!
      const innerParams = paramsByPath('masked', params, tree, pick)
      const result = inner.update(subtreeByPath(tree, pick), state.inner, innerParams)
      const leaves = tree.leaves.slice()
      collectByPath('masked', tree, pick, result.updates, leaves)
      return { updates: unflattenTree(tree.treedef, leaves), state: Object.freeze({ inner: result.state }) }
    },
  }
}

function checkMaskedState(fn: string, state: unknown): asserts state is MaskedState<unknown> {
  if (!isPlainObject(state) || !Object.hasOwn(state, 'inner')) {
    throw new StructureError(fn, `state must be the { inner } record init returned, got ${describe(state)}`)
  }
}
