import { CheckpointError } from '@gradstream/core'
import { flattenTree, formatShape, shapesEqual, unflattenTree } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { namedLeaves } from './treeNames'
import type { NamedTensor } from './treeNames'

/** Options of the loaders: a template the file must fit. */
export interface LoadOptions<P extends Params = Params> {
  /**
   * A pytree of the structure, shapes and dtypes expected (the params a model's `init` returns, say): the
   * result takes its type and its structure, arrays and records alike, and the file must hold exactly its
   * tensors, under the names it gives them.
   */
  readonly like?: P
}

/** The names `like` gives its leaves, checked before any file is read: a bad template is a StructureError. */
export function templateNames(fn: string, like: Params): NamedTensor[] {
  return namedLeaves(fn, like, 'like')
}

/**
 * The file's tensors in the structure of `like`: every name of the template must be in the file with the
 * template's shape and dtype, and the file may hold nothing else; each fault is a CheckpointError.
 */
export function treeLike<P extends Params>(fn: string, named: readonly NamedTensor[], like: P): P {
  const wanted = templateNames(fn, like)
  const found = new Map(named.map(({ name, tensor }) => [name, tensor]))
  const expected = new Set(wanted.map(({ name }) => name))
  const extra = named.find(({ name }) => !expected.has(name))
  if (extra !== undefined) {
    throw new CheckpointError(
      fn,
      `the file holds the tensor ${JSON.stringify(extra.name)}, which like has no place for`,
    )
  }
  const leaves = wanted.map(({ name, tensor: template }): Tensor => {
    const stored = found.get(name)
    if (stored === undefined)
      throw new CheckpointError(fn, `the file has no tensor ${JSON.stringify(name)}, which like holds`)
    if (stored.dtype !== template.dtype || !shapesEqual(stored.shape, template.shape)) {
      throw new CheckpointError(
        fn,
        `the tensor ${JSON.stringify(name)} is ${stored.dtype} ${formatShape(stored.shape)}, like holds ${template.dtype} ${formatShape(template.shape)}`,
      )
    }
    return stored
  })
  return unflattenTree(flattenTree(like, { caller: fn, name: 'like' }).treedef, leaves)
}
