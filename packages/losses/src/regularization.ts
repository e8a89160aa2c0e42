import { checkBoolean, checkFunction, checkString } from '@gradstream/core'
import { addN, scalar, flattenTree, checkTensor } from '@gradstream/tensor'
import type { Tensor, Params } from '@gradstream/tensor'
import type { Regularizer } from './regularizers'

/**
 * Chooses leaves of a pytree by path (`layers[0].w`) and value.
 * @example const bigOnly: LeafSelector = (_path, leaf) => leaf.size > 1
 */
export type LeafSelector = (path: string, leaf: Tensor) => boolean

const WEIGHT_KEY = /(?:^|\.)(?:w\d*|weights?|kernel)$/

/**
 * Selects the weight matrices of a model and leaves out its biases: leaves
 * whose last key is `w`, `w1`, `w2`, ..., `weight`, `weights` or `kernel`.
 *
 * @example
 * [weightsOnly('layers[0].w', w), weightsOnly('layers[0].b', b), weightsOnly('w1', w)] // [true, false, true]
 */
export const weightsOnly: LeafSelector = (path) => {
  checkString('weightsOnly', 'path', path)
  return WEIGHT_KEY.test(path)
}

/**
 * The sum of `regularizer` over the leaves of `params` that `select` chooses
 * (all leaves by default), a scalar; 0 when none is chosen. This is the
 * functional form of TF1's `tf.add_to_collection('losses', reg(w))` for each
 * weight followed by `tf.add_n(tf.get_collection('losses'))`: the terms are
 * added left to right in leaf order (depth first, keys in insertion order),
 * which for `{ layers: [{ w, b }, ...] }` is the order the seed creates its weights.
 *
 * @example
 * const params = { layers: [{ w: tensor([[1, -2]]), b: tensor([5]) }, { w: tensor([[3]]), b: tensor([5]) }] }
 * regularization(l1(0.5), params, weightsOnly).item() // 3 (0.5 · (1 + 2) + 0.5 · 3)
 */
export function regularization(regularizer: Regularizer, params: Params, select: LeafSelector = () => true): Tensor {
  checkFunction('regularization', 'regularizer', regularizer)
  checkFunction('regularization', 'select', select)
  const { leaves, treedef } = flattenTree(params, { caller: 'regularization', name: 'params' })
  const chosen = leaves.filter((leaf, i) => {
    const picked: unknown = select(treedef.paths[i]!, leaf)
    checkBoolean('regularization', `select's result for '${treedef.paths[i]!}'`, picked)
    return picked
  })
  const penalties = chosen.map((leaf) => {
    const penalty: unknown = regularizer(leaf)
    checkTensor('regularization', "regularizer's result", penalty)
    return penalty
  })
  return penalties.length === 0 ? scalar(0) : addN(penalties)
}
