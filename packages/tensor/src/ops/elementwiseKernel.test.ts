import { describe, expect, it } from 'vitest'
import { tensor } from '../creation'
import type { TypedArray } from '../dtype'
import { withTracer } from '../tracer'
import { add } from './arithmetic'
import { elementwiseKernel } from './elementwiseKernel'

const sumAndDifference = ([x, y]: readonly TypedArray[], [s, d]: readonly TypedArray[]) => {
  for (let i = 0; i < x!.length; i++) {
    s![i] = x![i]! + y![i]!
    d![i] = x![i]! - y![i]!
  }
}

describe('elementwiseKernel', () => {
  it('returns one tensor per output, of the inputs shape and dtype, holding what the kernel wrote', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ])
    const b = tensor([
      [10, 20],
      [30, 40],
    ])
    const [sum, difference] = elementwiseKernel([a, b], 2, sumAndDifference)
    expect(sum!.shape).toEqual([2, 2])
    expect(sum!.dtype).toBe('float32')
    expect(sum!.toArray()).toEqual([
      [11, 22],
      [33, 44],
    ])
    expect(difference!.toArray()).toEqual([
      [-9, -18],
      [-27, -36],
    ])
  })

  it('gives the kernel storage of the inputs dtype, so float32 outputs round on store', () => {
    const x = tensor([0.1, 0.2], undefined, 'float64')
    const [doubled] = elementwiseKernel([x], 1, ([input], [output]) => {
      expect(input).toBeInstanceOf(Float64Array)
      for (let i = 0; i < input!.length; i++) output![i] = input![i]! * 2
    })
    expect(doubled!.dtype).toBe('float64')
    expect(doubled!.toFlatArray()).toEqual([0.2, 0.4])
    const [third] = elementwiseKernel([tensor([1])], 1, (_, [output]) => {
      output![0] = 1 / 3
    })
    expect(third!.item()).toBe(Math.fround(1 / 3))
  })

  it('leaves its inputs as they were and hands out fresh, zeroed outputs', () => {
    const a = tensor([1, 2, 3])
    const [untouched] = elementwiseKernel([a, a], 1, () => undefined)
    expect(untouched!.toArray()).toEqual([0, 0, 0])
    expect(a.toArray()).toEqual([1, 2, 3])
  })

  it('is not traced: its outputs are constants to autodiff', () => {
    const ops: string[] = []
    withTracer({ record: (op) => void ops.push(op) }, () => {
      const [y] = elementwiseKernel([tensor([1])], 1, ([x], [out]) => out!.set(x!))
      add(y!, 1)
    })
    expect(ops).toEqual(['add'])
  })

  it('names what is wrong with its arguments', () => {
    const x = tensor([1, 2])
    const copy = () => undefined
    expect(() => elementwiseKernel([], 1, copy)).toThrow(
      'elementwiseKernel: inputs must be a non-empty array of tensors',
    )
    expect(() => elementwiseKernel([x, [1, 2] as never], 1, copy)).toThrow(
      "elementwiseKernel: argument 'inputs[1]' must be a Tensor, got an array",
    )
    expect(() => elementwiseKernel([x, tensor([1, 2, 3])], 1, copy)).toThrow(
      'elementwiseKernel: inputs[1] has shape [3] but inputs[0] has shape [2]',
    )
    expect(() => elementwiseKernel([x, tensor([1, 2], undefined, 'int32')], 1, copy)).toThrow(
      'elementwiseKernel: inputs[1] has dtype int32 but inputs[0] has dtype float32',
    )
    expect(() => elementwiseKernel([x], 0, copy)).toThrow(
      'elementwiseKernel: outputCount must be a positive integer, got 0',
    )
    expect(() => elementwiseKernel([x], 1.5, copy)).toThrow('outputCount must be a positive integer, got 1.5')
    expect(() => elementwiseKernel([x], 1, 'copy' as never)).toThrow(
      'elementwiseKernel: kernel must be a function, got string',
    )
  })
})
