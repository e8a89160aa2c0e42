import { mul, neg, NO_ATTRS, ones, tensor, withTracer } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { backprop } from './backprop'
import { Tape } from './tape'

describe('backprop', () => {
  it('adds up the cotangents where paths meet and returns those of the sources only', () => {
    const x = tensor([1, 2])
    const tape = new Tape([x])
    const [y, z] = withTracer(tape, () => [mul(x, 3), neg(x)] as const)
    const grads = backprop(tape, [
      [y, ones([2])],
      [z, tensor([10, 20])],
      [tensor([5]), ones([1])], // a tensor off the tape reaches nothing
    ])
    expect([...grads.keys()]).toEqual([x])
    expect(grads.get(x)!.toArray()).toEqual([3 - 10, 3 - 20])
  })

  it('passes the cotangent on through an op recorded with one of its inputs as its output', () => {
    // No op does this today; a node handing back its input maps that tensor's cotangent in place.
    const x = tensor([1, 2])
    const tape = new Tape([x])
    tape.record('neg', [x], x, NO_ATTRS)
    const grads = backprop(tape, [[x, tensor([1, 4])]])
    expect(grads.get(x)!.toArray()).toEqual([-1, -4])
  })
})
