import { add } from '../index'
import type { Tensor } from '../index'
import { expectTypeOf } from 'vitest'
import { flattenTree, unflattenTree } from './flattenTree'
import { mapTree } from './mapTree'
import type { Params, PyTree } from './PyTree'

type Model = { w: Tensor; layers: readonly { w: Tensor; b: Tensor }[] }
declare const model: Model
declare const general: Params

// Tensor-valued functions keep the tree's own type.
expectTypeOf(mapTree((x) => x, model)).toEqualTypeOf<Model>()
expectTypeOf(mapTree((p, g) => add(p, g), model, model)).toEqualTypeOf<Model>()
expectTypeOf(mapTree((x) => x, general)).toEqualTypeOf<Params>()

// Other leaves keep the structure.
expectTypeOf(mapTree((x) => x.size, model)).toEqualTypeOf<{ w: number; layers: readonly { w: number; b: number }[] }>()
expectTypeOf(mapTree((x) => x.size, general)).toEqualTypeOf<PyTree<number>>()

// The function gets one extra leaf per other tree, then the path.
mapTree(
  (a, b, c, path) => {
    expectTypeOf(b).toEqualTypeOf<Tensor>()
    expectTypeOf(c).toEqualTypeOf<Tensor>()
    expectTypeOf(path).toEqualTypeOf<string>()
    return a
  },
  model,
  model,
  model,
)

// A treedef remembers the tree's type.
const { leaves, treedef } = flattenTree(model)
expectTypeOf(unflattenTree(treedef, leaves)).toEqualTypeOf<Model>()
expectTypeOf(unflattenTree(treedef, [1, 2, 3])).toEqualTypeOf<{
  w: number
  layers: readonly { w: number; b: number }[]
}>()

// @ts-expect-error: numbers are not pytree leaves
mapTree((x) => x, { lr: 0.1 })
