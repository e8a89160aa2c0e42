import { describe, expect, it } from 'vitest'
import { add, tensor } from '@gradstream/tensor'
import { regularization, weightsOnly } from './regularization'
import { l1, l2 } from './regularizers'

const params = {
  layers: [
    { w: tensor([[1, -2]]), b: tensor([100]) },
    { w: tensor([[3], [-4]]), b: tensor([100]) },
  ],
}

describe('regularization', () => {
  it('sums the regularizer over every leaf by default', () => {
    expect(regularization(l1(1), params).item()).toBe(1 + 2 + 100 + 3 + 4 + 100)
  })

  it('sums over the weights only with weightsOnly', () => {
    expect(regularization(l2(0.5), params, weightsOnly).item()).toBe((0.5 * (1 + 4)) / 2 + (0.5 * (9 + 16)) / 2)
  })

  it('adds the terms left to right in leaf order, as add_n over the collection', () => {
    const seen: string[] = []
    const tagged = regularization(
      (leaf) => {
        seen.push(String(leaf.toFlatArray()))
        return l1(1)(leaf)
      },
      params,
      weightsOnly,
    )
    expect(seen).toEqual(['1,-2', '3,-4'])
    expect(tagged.item()).toBe(add(l1(1)(params.layers[0]!.w), l1(1)(params.layers[1]!.w)).item())
  })

  it('passes each leaf its path', () => {
    const paths: string[] = []
    regularization(l1(1), params, (path) => {
      paths.push(path)
      return false
    })
    expect(paths).toEqual(['layers[0].w', 'layers[0].b', 'layers[1].w', 'layers[1].b'])
  })

  it('is a scalar 0 when nothing is selected', () => {
    const penalty = regularization(l2(1), params, () => false)
    expect([penalty.item(), penalty.shape]).toEqual([0, []])
  })

  it('rejects a regularizer that is not a function', () => {
    expect(() => Reflect.apply(regularization, undefined, [0.5, params])).toThrow(
      'regularization: regularizer must be a function, got 0.5',
    )
  })
})

describe('weightsOnly', () => {
  it('selects w, w1, weight, weights and kernel leaves, not biases', () => {
    const leaf = tensor([1])
    const paths = ['w', 'w1', 'layers[0].w', 'dense.kernel', 'weight', 'fc.weights', 'b', 'layers[0].b', 'bias', 'wx']
    expect(paths.map((path) => weightsOnly(path, leaf))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })

  it('refuses params that are not a pytree and a select that does not answer with a boolean', () => {
    // Reflect.apply passes values the types would reject, as plain JavaScript callers can.
    expect(() => Reflect.apply(regularization, undefined, [l1(1), 5])).toThrow(/^regularization: params is a number/)
    const params = { w: tensor([1]) }
    expect(() => Reflect.apply(regularization, undefined, [l1(1), params, () => 'yes'])).toThrow(
      `regularization: select's result for 'w' must be a boolean, got "yes"`,
    )
    expect(() => Reflect.apply(regularization, undefined, [() => 3, params])).toThrow(
      "regularization: argument 'regularizer's result' must be a Tensor, got 3",
    )
  })
})
