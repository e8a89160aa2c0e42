import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, scalar, tensor, tensorFromJSON } from './index'
import type { DType, Tensor, TensorJSON } from './index'

/** The bytes of a tensor's storage, so -0 and 0 (which toEqual takes as equal) differ. */
const bytesOf = (t: Tensor) => new Uint8Array(t.dataSync().buffer)

const viaText = (t: Tensor) => tensorFromJSON(JSON.parse(JSON.stringify(t)) as TensorJSON)

describe('Tensor.toJSON', () => {
  it('gives dtype, shape and row-major data, so JSON.stringify writes the tensor', () => {
    const t = tensor([
      [1.5, 2],
      [3, 4],
    ])
    expect(t.toJSON()).toEqual({ dtype: 'float32', shape: [2, 2], data: [1.5, 2, 3, 4] })
    expect(JSON.stringify(t)).toBe('{"dtype":"float32","shape":[2,2],"data":[1.5,2,3,4]}')
  })

  it('writes NaN, the infinities and -0 as strings, which JSON numbers cannot carry', () => {
    expect(JSON.stringify(tensor([NaN, Infinity, -Infinity, -0, 0]))).toBe(
      '{"dtype":"float32","shape":[5],"data":["NaN","Infinity","-Infinity","-0",0]}',
    )
  })

  it('writes bools as 0 and 1, int32 and float64 as their numbers, and a scalar with shape []', () => {
    expect(tensor([true, false]).toJSON()).toEqual({ dtype: 'bool', shape: [2], data: [1, 0] })
    expect(tensor([-7, 2 ** 31 - 1], undefined, 'int32').toJSON().data).toEqual([-7, 2147483647])
    expect(scalar(0.1, 'float64').toJSON()).toEqual({ dtype: 'float64', shape: [], data: [0.1] })
    expect(tensor([[], []]).toJSON()).toEqual({ dtype: 'float32', shape: [2, 0], data: [] })
  })

  it('writes the float32 value itself (0.1 rounded), not the number the tensor was made from', () => {
    expect(tensor([0.1]).toJSON().data).toEqual([Math.fround(0.1)])
  })

  it('returns a fresh object each call, so editing it leaves the tensor untouched', () => {
    const t = tensor([1, 2])
    const { shape, data } = t.toJSON()
    const writableShape = shape as number[]
    const writableData = data as number[]
    writableShape.push(9)
    writableData[0] = 5
    expect(t.shape).toEqual([2])
    expect(t.toFlatArray()).toEqual([1, 2])
  })
})

describe('tensorFromJSON', () => {
  const dtypeValues: Record<DType, fc.Arbitrary<number>> = {
    float32: fc.float().map(Math.fround),
    float64: fc.double(),
    int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    bool: fc.integer({ min: 0, max: 1 }),
  }

  it.each(Object.keys(dtypeValues) as DType[])(
    'reads back %s tensors through JSON text with the same bits',
    (dtype) => {
      fc.assert(
        fc.property(fc.array(dtypeValues[dtype], { maxLength: 24 }), (values) => {
          const t = tensor(values, [values.length], dtype)
          const back = viaText(t)
          expect(back.dtype).toBe(dtype)
          expect(back.shape).toEqual([values.length])
          // NaN payloads are not kept (a JSON string cannot say which NaN): compare the canonical NaN's bits.
          expect(bytesOf(back)).toEqual(
            bytesOf(
              tensor(
                values.map((x) => (Number.isNaN(x) ? NaN : x)),
                [values.length],
                dtype,
              ),
            ),
          )
        }),
        { numRuns: 60 },
      )
    },
  )

  it('reads -0 back as -0 and keeps the shape, scalars and empty tensors included', () => {
    expect(Object.is(viaText(tensor([-0])).toFlatArray()[0], -0)).toBe(true)
    expect(viaText(scalar(3, 'int32'))).toEqual(scalar(3, 'int32'))
    expect(viaText(tensor([[], []]))).toEqual(tensor([[], []]))
    expect(viaText(tensor([[true], [false]]))).toEqual(tensor([[true], [false]]))
  })

  it('rounds numbers to the dtype as tensor() does', () => {
    expect(tensorFromJSON({ dtype: 'float32', shape: [1], data: [0.1] }).toFlatArray()).toEqual([Math.fround(0.1)])
  })

  it('refuses what is not a TensorJSON with a named error', () => {
    const bad = (json: unknown) => () => tensorFromJSON(json as TensorJSON)
    expect(bad([1])).toThrow(
      new ConfigError('tensorFromJSON', 'json must be an object { dtype, shape, data }, got an array'),
    )
    expect(bad({ dtype: 'float32', shape: [1], data: [1], extra: 1 })).toThrow(
      new ConfigError('tensorFromJSON', "unknown key 'extra'; expected dtype, shape and data"),
    )
    expect(bad({ dtype: 'float16', shape: [1], data: [1] })).toThrow(
      new DTypeError('tensorFromJSON', 'unknown dtype "float16"'),
    )
    expect(bad({ dtype: 'float32', shape: [2, -1], data: [] })).toThrow(ShapeError)
    expect(bad({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3] })).toThrow(
      new ShapeError('tensorFromJSON', 'shape [2, 2] needs 4 values, got 3'),
    )
    expect(bad({ dtype: 'float32', shape: [1], data: 'abc' })).toThrow(
      new ConfigError('tensorFromJSON', 'data must be an array, got "abc"'),
    )
    expect(bad({ dtype: 'float32', shape: [2], data: [1, 'nan'] })).toThrow(
      new ConfigError(
        'tensorFromJSON',
        `data[1] must be a number or one of 'NaN', 'Infinity', '-Infinity', '-0', got "nan"`,
      ),
    )
    expect(bad({ dtype: 'int32', shape: [1], data: [1.5] })).toThrow(
      'tensorFromJSON: data[0] is 1.5, which int32 cannot hold exactly; use a float dtype, or cast() to truncate',
    )
  })
})
