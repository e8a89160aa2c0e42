import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { adamw } from './adamw'
import { addDecayedWeights } from './addDecayedWeights'
import { clipByValue } from './clipByValue'
import { masked } from './masked'

// A type alias, not an interface: only aliases are assignable to the Params index signature.
type Net = {
  dense: { w: Tensor; b: Tensor }
  norm: { scale: Tensor }
}
const params = (): Net => ({
  dense: { w: tensor([[1, -2]]), b: tensor([0.5]) },
  norm: { scale: tensor([2]) },
})
const grads = (): Net => ({
  dense: { w: tensor([[5, -5]]), b: tensor([5]) },
  norm: { scale: tensor([-5]) },
})
const values = (tree: Params) => {
  const net = tree as unknown as Net
  return [net.dense.w.toArray(), net.dense.b.toArray(), net.norm.scale.toArray()]
}

describe('masked', () => {
  it('transforms the selected leaves only, by a tree of booleans with a prefix for a subtree', () => {
    const opt = masked(clipByValue(-1, 1), { dense: { w: true, b: false }, norm: false })
    const { updates } = opt.update(grads(), opt.init(params()))
    expect(values(updates)).toEqual([[[1, -1]], [5], [-5]])
  })

  it('selects by a function of path and leaf, and keeps inner state for the selected leaves only', () => {
    const opt = masked(adam(0.1), (path, leaf) => leaf.rank > 1 || path.startsWith('norm'))
    const state = opt.init(params())
    expect(Object.keys(state.inner[0].mu)).toEqual(['dense.w', 'norm.scale'])
    const { updates } = opt.update(grads(), state)
    const plain = adam(0.1)
    const direct = plain.update(grads(), plain.init(params())).updates as unknown as Net
    expect(values(updates)).toEqual([direct.dense.w.toArray(), [5], direct.norm.scale.toArray()])
  })

  it('refuses a mask of another structure, a mask function returning a non-boolean, and a bad state', () => {
    const wrongKey = masked(clipByValue(-1, 1), { dense: true, norms: false })
    expect(() => wrongKey.init(params())).toThrow(new StructureError('masked', 'mask.norms is not in params'))
    const missing = masked(clipByValue(-1, 1), { dense: { w: true } })
    expect(() => missing.init(params())).toThrow(new StructureError('masked', 'mask.dense.b is missing'))
    const leafAsArray = masked(clipByValue(-1, 1), { dense: [true], norm: true })
    expect(() => leafAsArray.init(params())).toThrow(
      new StructureError('masked', 'mask.dense is an array, but params.dense needs an object'),
    )
    const notBoolean = masked(clipByValue(-1, 1), () => 1 as unknown as boolean)
    expect(() => notBoolean.init(params())).toThrow(
      new ConfigError('masked', 'mask returned 1 for params.dense.w; expected a boolean'),
    )
    expect(() => masked(clipByValue(-1, 1), 3 as unknown as boolean)).toThrow(
      new ConfigError(
        'masked',
        'mask must be a tree like the params with a boolean per leaf or subtree, or a function of (path, leaf), got 3',
      ),
    )
    expect(() => masked({} as never, true)).toThrow(
      new ConfigError('masked', 'inner must be a gradient transformation { init, update }, got an object'),
    )
    expect(() => masked(clipByValue(-1, 1), true).update(grads(), {} as never)).toThrow(
      new StructureError('masked', 'state must be the { inner } record init returned, got an object'),
    )
  })
})

describe('masked with params', () => {
  it('hands the inner transformation the params by path, whatever their key order', () => {
    const p = params()
    const reordered = { norm: p.norm, dense: { b: p.dense.b, w: p.dense.w } }
    const opt = masked(addDecayedWeights(1), { dense: { w: true, b: false }, norm: false })
    const { updates } = opt.update(grads(), opt.init(p), reordered)
    expect(values(updates)).toEqual([[[6, -7]], [5], [-5]]) // w + 1·w; by position, norm.scale would be taken for w
  })
})

describe('weight-decay masks', () => {
  it('adamw decays only the params its mask selects; the Adam step applies to all', () => {
    const mask = (_path: string, leaf: Tensor) => leaf.rank > 1 // no decay for biases and norm scales
    const p = params()
    const withMask = adamw(0.1, { weightDecay: 0.5, mask })
    const noDecay = adamw(0.1, { weightDecay: 0 })
    const everything = adamw(0.1, { weightDecay: 0.5 })
    const [a, b, c] = [withMask, noDecay, everything].map((opt) => values(opt.update(grads(), opt.init(p), p).updates))
    expect(a![0]).toEqual(c![0]) // the matrix decays
    expect(a![1]).toEqual(b![1]) // the bias does not
    expect(a![2]).toEqual(b![2]) // nor the norm scale
    expect(a![1]).not.toEqual(c![1])
  })

  it('addDecayedWeights takes a mask tree, and refuses one that does not fit the params', () => {
    const p = params()
    const decay = addDecayedWeights(0.5, { dense: { w: true, b: false }, norm: false })
    const { updates } = decay.update(grads(), decay.init(p), p)
    expect(values(updates)).toEqual([[[5.5, -6]], [5], [-5]])
    const wrong = adamw(0.1, { mask: { dense: true } })
    expect(() => wrong.update(grads(), wrong.init(p), p)).toThrow(new StructureError('adamw', 'mask.norm is missing'))
  })
})
