import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { multiTransform } from './multiTransform'
import { scale } from './scale'
import { sgd } from './sgd'

// A type alias, not an interface: only aliases are assignable to the Params index signature.
type Net = {
  encoder: { w: Tensor; b: Tensor }
  head: { w: Tensor }
}
const params = (): Net => ({ encoder: { w: tensor([[1, 2]]), b: tensor([3]) }, head: { w: tensor([[4], [5]]) } })
const grads = (): Net => ({ encoder: { w: tensor([[1, -1]]), b: tensor([2]) }, head: { w: tensor([[0.5], [-3]]) } })
const values = (tree: Params) => {
  const net = tree as unknown as Net
  return [net.encoder.w.toArray(), net.encoder.b.toArray(), net.head.w.toArray()]
}

describe('multiTransform', () => {
  it('gives each labelled subtree its own transformation, with labels as a tree prefix', () => {
    const opt = multiTransform({ frozen: scale(0), trained: adam(0.1) }, { encoder: 'frozen', head: 'trained' })
    const state = opt.init(params())
    expect(Object.keys(state.inner.trained[0].mu)).toEqual(['head.w'])
    const { updates, state: next } = opt.update(grads(), state)
    const alone = adam(0.1)
    const head = alone.update({ w: grads().head.w }, alone.init({ w: params().head.w })).updates as { w: Tensor }
    expect(values(updates)).toEqual([[[0, -0]], [0], head.w.toArray()])
    expect(next.inner.trained[0].count).toBe(1)
    expect(Object.isFrozen(next.inner)).toBe(true)
  })

  it('labels by a function of the path, and passes each transformation its params', () => {
    const opt = multiTransform({ slow: sgd(0.01), fast: sgd(1) }, (path) => (path.endsWith('.b') ? 'fast' : 'slow'))
    const { updates } = opt.update(grads(), opt.init(params()), params())
    const f = Math.fround
    expect(values(updates)).toEqual([
      [[f(-f(1 * f(0.01))), f(1 * f(0.01))]],
      [-2],
      [[f(-f(0.5 * f(0.01)))], [f(3 * f(0.01))]],
    ])
  })

  it('refuses unknown labels, labels of another structure, empty transforms and a bad state', () => {
    const unknown = multiTransform({ a: scale(1) }, () => 'b')
    expect(() => unknown.init(params())).toThrow(
      new ConfigError('multiTransform', 'labels returned "b" for params.encoder.w; expected one of \'a\''),
    )
    const wrong = multiTransform({ a: scale(1) }, { encoder: 'a' })
    expect(() => wrong.init(params())).toThrow(new StructureError('multiTransform', 'labels.head is missing'))
    const notALabel = multiTransform({ a: scale(1) }, { encoder: 'a', head: 'c' })
    expect(() => notALabel.init(params())).toThrow(
      new ConfigError('multiTransform', `labels.head is "c"; expected one of 'a'`),
    )
    const notAString = multiTransform({ a: scale(1) }, { encoder: 'a', head: 1 as never })
    expect(() => notAString.init(params())).toThrow(
      new StructureError('multiTransform', 'labels.head is a number, but params.head needs an object'),
    )
    expect(() => multiTransform({}, 'a')).toThrow(
      new ConfigError(
        'multiTransform',
        'transforms must be an object of gradient transformations by label, got an object',
      ),
    )
    expect(() => multiTransform({ a: 1 as never }, 'a')).toThrow(
      new ConfigError('multiTransform', 'transforms.a must be a gradient transformation { init, update }, got 1'),
    )
    const ok = multiTransform({ a: scale(1) }, 'a')
    expect(() => ok.update(grads(), { inner: {} } as never)).toThrow(
      new StructureError(
        'multiTransform',
        'state must be the { inner } record init returned, with a state for each of a; got an object',
      ),
    )
  })
})
