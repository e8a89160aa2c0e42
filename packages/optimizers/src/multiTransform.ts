import { ConfigError, StructureError, childPath, describe, isPlainObject, rootedPath } from '@gradstream/core'
import { unflattenTree } from '@gradstream/tensor'
import { checkPerLeaf, collectByPath, flatTree, paramsByPath, subtreeByPath, valuesPerLeaf } from './perLeaf'
import type { FlatTree, PerLeaf, PerLeafKind } from './perLeaf'
import { checkTransformation } from './transformation'
import type { GradientTransformation, StateOf } from './transformation'

/** The transformations of {@link multiTransform}, by label. */
export type LabeledTransformations = Readonly<Record<string, GradientTransformation<unknown>>>

/** The state of {@link multiTransform}: each label's state, over that label's leaves keyed by path. */
export interface MultiTransformState<T extends LabeledTransformations> {
  readonly inner: { readonly [K in keyof T]: StateOf<T[K]> }
}

/**
 * Different transformations for different parameters (optax's
 * `multi_transform`): `labels` gives each parameter the label of the
 * transformation that updates it, as a tree of labels like the params (a
 * label in place of a subtree labels all its leaves) or a function of
 * `(path, leaf)`. Each transformation sees only its leaves, as one plain
 * object keyed by path (`{ 'layers[0].w': … }`), and keeps its own state.
 * A label function is called with the params' leaves in `init` and the
 * updates' leaves in `update`: decide by path, shape or rank.
 *
 * @example
 * const params = { encoder: { w: tensor([1]) }, head: { w: tensor([1]) } }
 * const opt = multiTransform({ frozen: scale(0), trained: adam(0.1) }, { encoder: 'frozen', head: 'trained' })
 * const { updates } = opt.update({ encoder: { w: tensor([1]) }, head: { w: tensor([1]) } }, opt.init(params))
 * updates // { encoder: { w: [0] }, head: { w: [≈ -0.1] } }
 */
export function multiTransform<const T extends LabeledTransformations>(
  transforms: T,
  labels: PerLeaf<string>,
): GradientTransformation<MultiTransformState<T>> {
  const names = checkTransforms(transforms)
  const kind: PerLeafKind<string> = {
    name: 'labels',
    expected: `one of ${names.map((name) => `'${name}'`).join(', ')}`,
    type: 'string',
    accepts: (value): value is string => typeof value === 'string' && names.includes(value),
  }
  checkPerLeaf('multiTransform', kind, labels)
  const labelsOf = (tree: FlatTree, treeName: string) => valuesPerLeaf('multiTransform', kind, labels, tree, treeName)
  return {
    init(params) {
      const tree = flatTree('multiTransform', 'params', params)
      const leafLabels = labelsOf(tree, 'params')
      const inner = Object.fromEntries(
        names.map((name) => [name, transforms[name]!.init(subtreeByPath(tree, (i) => leafLabels[i] === name))]),
      )
      return stateOf<T>(inner)
    },
    update(updates, state, params) {
      checkMultiState(state, names)
      const tree = flatTree('multiTransform', 'updates', updates)
      const leafLabels = labelsOf(tree, 'updates')
      const inner: Record<string, unknown> = {}
      const leaves = tree.leaves.slice()
      for (const name of names) {
        const mine = (i: number) => leafLabels[i] === name
        const innerParams = paramsByPath('multiTransform', params, tree, mine)
        const result = transforms[name]!.update(subtreeByPath(tree, mine), state.inner[name], innerParams)
        collectByPath('multiTransform', tree, mine, result.updates, leaves)
        inner[name] = result.state
      }
      return { updates: unflattenTree(tree.treedef, leaves), state: stateOf<T>(inner) }
    },
  }
}

function checkTransforms(transforms: unknown): string[] {
  if (!isPlainObject(transforms) || Object.keys(transforms).length === 0) {
    throw new ConfigError(
      'multiTransform',
      `transforms must be an object of gradient transformations by label, got ${describe(transforms)}`,
    )
  }
  const names = Object.keys(transforms)
  for (const name of names)
    checkTransformation('multiTransform', transforms[name], rootedPath('transforms', childPath('', name)))
  return names
}

function checkMultiState(
  state: unknown,
  names: readonly string[],
): asserts state is MultiTransformState<LabeledTransformations> {
  const inner = isPlainObject(state) ? state.inner : undefined
  if (!isPlainObject(inner) || !names.every((name) => Object.hasOwn(inner, name))) {
    throw new StructureError(
      'multiTransform',
      `state must be the { inner } record init returned, with a state for each of ${names.join(', ')}; got ${describe(state)}`,
    )
  }
}

// The one place the mapped state type meets the record built label by label:
// TypeScript cannot follow a loop over the labels, so the cast lives here.
function stateOf<T extends LabeledTransformations>(inner: Record<string, unknown>): MultiTransformState<T> {
  return Object.freeze({ inner: Object.freeze(inner) }) as MultiTransformState<T>
}
