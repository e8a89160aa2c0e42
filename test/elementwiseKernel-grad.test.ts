// elementwiseKernel under autodiff: a kernel autodiff cannot see into must not
// give a gradient of zero without a word, and the optimizers, which run their
// update rules through it outside any differentiated function, keep working.
import { describe, expect, it } from 'vitest'
import { grad, valueAndGrad } from '@gradstream/autodiff'
import { sgd } from '@gradstream/optimizers'
import { ConfigError, elementwiseKernel, mul, sum, tensor } from '@gradstream/tensor'
import type { ElementwiseKernel, Tensor } from '@gradstream/tensor'

const double: ElementwiseKernel = ([x], [y]) => {
  for (let i = 0; i < x!.length; i++) y![i] = 2 * x![i]!
}

const MESSAGE =
  'elementwiseKernel: cannot be differentiated, and a gradient is being traced: its outputs would get a gradient of zero; run it outside the differentiated function, or compose the computation from tensor ops'

describe('elementwiseKernel under autodiff', () => {
  it('throws a ConfigError inside grad instead of returning a zero gradient', () => {
    const f = (w: Tensor) => sum(elementwiseKernel([w], 1, double)[0]!)
    const w = tensor([1, 2, 3])
    expect(() => grad(f)(w)).toThrow(ConfigError)
    expect(() => grad(f)(w)).toThrow(MESSAGE)
    expect(() => valueAndGrad(f)(w)).toThrow(MESSAGE)
    expect(w.toArray()).toEqual([1, 2, 3])
  })

  it('runs outside the differentiated function, where the same values need no gradient', () => {
    const w = tensor([1, 2, 3])
    expect(grad((v: Tensor) => sum(mul(v, 2)))(w).toArray()).toEqual([2, 2, 2])
    expect(elementwiseKernel([w], 1, double)[0]!.toArray()).toEqual([2, 4, 6])
  })

  it('leaves optimizer updates, which run through it, working after a gradient', () => {
    const params = { w: tensor([1, 2]) }
    const grads = grad((p: typeof params) => sum(mul(p.w, p.w)))(params)
    const optimizer = sgd(0.5, { momentum: 0.9 }) // the momentum trace runs as an elementwise kernel
    const { updates } = optimizer.update(grads, optimizer.init(params), params)
    expect((updates as typeof params).w.toArray()).toEqual([-1, -2])
  })
})
