import { describe, expect, it, vi } from 'vitest'
import { tensor, zeros } from '../creation'
import type { TypedArray } from '../dtype'
import { ConfigError, ShapeError } from '../errors'
import { withTracer } from '../tracer'
import { add } from './arithmetic'
import { elementwiseKernel, MAX_KERNEL_OUTPUTS } from './elementwiseKernel'
import type { ElementwiseKernel } from './elementwiseKernel'

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

  it('refuses to run while a gradient is traced, rather than give a gradient of zero', () => {
    const x = tensor([1, 2])
    const ops: string[] = []
    let ran = false
    const copy: ElementwiseKernel = ([input], [output]) => {
      ran = true
      output!.set(input!)
    }
    withTracer({ record: (op) => void ops.push(op) }, () => {
      expect(() => elementwiseKernel([add(x, 1)], 1, copy)).toThrow(
        new ConfigError(
          'elementwiseKernel',
          'cannot be differentiated, and a gradient is being traced: its outputs would get a gradient of zero; run it outside the differentiated function, or compose the computation from tensor ops',
        ),
      )
    })
    withTracer({ record: () => undefined }, () => {
      expect(() => elementwiseKernel([x], 1, copy)).toThrow(ConfigError)
    })
    expect(ops).toEqual(['add'])
    expect(ran).toBe(false)
    expect(x.toArray()).toEqual([1, 2])
    expect(elementwiseKernel([x], 1, copy)[0]!.toArray()).toEqual([1, 2])
  })

  it('refuses more outputs than it may allocate with a ShapeError, before calling the kernel', () => {
    const kernel = vi.fn<ElementwiseKernel>()
    const x = tensor([1, 2])
    expect(() => elementwiseKernel([x], 1e9, kernel)).toThrow(
      new ShapeError('elementwiseKernel', 'outputCount is 1000000000, more than the 1024 outputs one kernel may fill'),
    )
    expect(() => elementwiseKernel([x], 1e9, kernel)).toThrow(ShapeError)
    expect(() => elementwiseKernel([x], MAX_KERNEL_OUTPUTS + 1, kernel)).toThrow(ShapeError)
    const large = zeros([2 ** 21])
    expect(() => elementwiseKernel([large], MAX_KERNEL_OUTPUTS, kernel)).toThrow(
      new ShapeError(
        'elementwiseKernel',
        '1024 outputs of shape [2097152] hold 2147483648 elements together, more than a tensor can hold (2147483647)',
      ),
    )
    expect(() => elementwiseKernel([large], MAX_KERNEL_OUTPUTS, kernel)).toThrow(ShapeError)
    expect(kernel).not.toHaveBeenCalled()
    expect(elementwiseKernel([x], MAX_KERNEL_OUTPUTS, kernel)).toHaveLength(MAX_KERNEL_OUTPUTS)
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
      new ConfigError('elementwiseKernel', 'outputCount must be an integer >= 1, got 0'),
    )
    expect(() => elementwiseKernel([x], 1.5, copy)).toThrow('outputCount must be an integer >= 1, got 1.5')
    expect(() => elementwiseKernel([x], 0, copy)).toThrow(ConfigError)
    expect(() => elementwiseKernel([x], 1, 'copy' as never)).toThrow(ConfigError)
    expect(() => elementwiseKernel([x], 1, 'copy' as never)).toThrow(
      new ConfigError('elementwiseKernel', 'kernel must be a function, got "copy"'),
    )
  })
})
