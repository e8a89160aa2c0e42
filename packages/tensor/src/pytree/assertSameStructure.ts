import { formatShape } from '../shape'
import { StructureError, rootedPath } from '@gradstream/core'
import type { Params } from './PyTree'
import { walkTrees } from './walkTrees'

/**
 * Options of {@link assertSameStructure}.
 * @example assertSameStructure(params, grads, { names: ['params', 'grads'], shapes: true, caller: 'update' })
 */
export interface AssertSameStructureOptions {
  /** Names of the two trees in messages (default `['a', 'b']`), e.g. `['params', 'grads']`. */
  readonly names?: readonly [string, string]
  /** Also require leaves at the same place to have the same shape. */
  readonly shapes?: boolean
  /** Also require leaves at the same place to have the same dtype. */
  readonly dtypes?: boolean
  /** The function name that starts error messages (default `assertSameStructure`). */
  readonly caller?: string
}

/**
 * Throws unless `a` and `b` have the same structure (object keys matched by
 * name, arrays by length), and where asked the same leaf shapes and dtypes.
 *
 * @throws StructureError naming the first path where they differ, e.g.
 * `update: params.layers[2].b has shape [3] but grads.layers[2].b has shape [1, 3]`.
 * @example
 * assertSameStructure({ w: ones([2]) }, { w: zeros([2]) }, { shapes: true }) // passes
 * assertSameStructure({ w: ones([2]) }, { v: ones([2]) }) // throws: a.w is a Tensor but b.w is missing
 */
export function assertSameStructure(a: Params, b: Params, options: AssertSameStructureOptions = {}): void {
  const { names = ['a', 'b'], shapes = false, dtypes = false, caller = 'assertSameStructure' } = options
  walkTrees(caller, names, [a, b], ([x, y], path) => {
    if (x === undefined || y === undefined) return
    const at = (i: 0 | 1) => rootedPath(names[i], path)
    if (shapes && (x.rank !== y.rank || x.shape.some((d, i) => d !== y.shape[i]))) {
      throw new StructureError(
        caller,
        `${at(0)} has shape ${formatShape(x.shape)} but ${at(1)} has shape ${formatShape(y.shape)}`,
      )
    }
    if (dtypes && x.dtype !== y.dtype) {
      throw new StructureError(caller, `${at(0)} has dtype ${x.dtype} but ${at(1)} has dtype ${y.dtype}`)
    }
  })
}
