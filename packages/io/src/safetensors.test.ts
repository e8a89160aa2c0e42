import { CheckpointError, ConfigError, StructureError } from '@gradstream/core'
import { ones, scalar, tensor, zeros } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { decodeSafetensors, encodeSafetensors } from './index'
import { float32Bytes, safetensorsFile } from './testing/rawFiles'

const headerOf = (bytes: Uint8Array) => {
  const size = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))
  return { size, text: new TextDecoder().decode(bytes.subarray(8, 8 + size)) }
}
const bytesOf = (t: Tensor) => new Uint8Array(t.dataSync().buffer)
const fail = (bytes: Uint8Array, message: string) => () =>
  expect(() => decodeSafetensors(bytes)).toThrow(new CheckpointError('decodeSafetensors', message))

describe('encodeSafetensors', () => {
  it('writes the size, a JSON header padded with spaces to 8 bytes, and the little-endian data', () => {
    const bytes = encodeSafetensors({ w: tensor([1, 2]) })
    const json = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    const padded = json.padEnd(Math.ceil(json.length / 8) * 8, ' ')
    expect(headerOf(bytes)).toEqual({ size: padded.length, text: padded })
    expect([...bytes.subarray(8 + padded.length)]).toEqual([...float32Bytes([1, 2])])
  })

  it('names leaves by their keys joined with ".", array indices as numbers, in leaf order', () => {
    const params = { dense: { w: ones([2, 3]), b: zeros([3]) }, layers: [{ k: ones([1]) }, [ones([1])]] }
    const { text } = headerOf(encodeSafetensors(params))
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['dense.w', 'dense.b', 'layers.0.k', 'layers.1.0'])
  })

  it('lays the data out widest dtype first, in leaf order within a width, so every tensor is aligned', () => {
    const params = { a: tensor([true]), b: ones([1]), c: ones([1], 'float64'), d: ones([1], 'int32') }
    const header = JSON.parse(headerOf(encodeSafetensors(params)).text) as Record<string, { data_offsets: number[] }>
    expect(Object.entries(header).map(([name, info]) => [name, info.data_offsets])).toEqual([
      ['a', [16, 17]],
      ['b', [8, 12]],
      ['c', [0, 8]],
      ['d', [12, 16]],
    ])
  })

  it('writes __metadata__ first, and an empty tree as a header of {}', () => {
    const { text } = headerOf(encodeSafetensors({ w: scalar(1) }, { metadata: { format: 'pt' } }))
    expect(text.trimEnd()).toBe('{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}')
    expect(headerOf(encodeSafetensors({})).text).toBe('{}      ')
  })

  it('refuses a single tensor, a key with a dot, a tensor named __metadata__ and non-tensor leaves', () => {
    const refuse = (params: unknown) => () => encodeSafetensors(params as Params)
    expect(refuse(ones([1]))).toThrow(
      new StructureError(
        'encodeSafetensors',
        'params must be a record or an array of tensors, got a Tensor; name it: { weight: t }',
      ),
    )
    expect(refuse({ layer: { 'w.1': ones([1]) } })).toThrow(
      new StructureError(
        'encodeSafetensors',
        `params.layer has the key "w.1"; names join keys with '.', so a key may not contain one`,
      ),
    )
    expect(refuse({ __metadata__: ones([1]) })).toThrow(
      new StructureError(
        'encodeSafetensors',
        'params.__metadata__ is a tensor, but the format keeps that name for the metadata',
      ),
    )
    expect(refuse({ w: 3 })).toThrow(StructureError)
  })

  it('refuses unknown options and metadata that is not a record of strings', () => {
    const params = { w: ones([1]) }
    expect(() => encodeSafetensors(params, { meta: {} } as object)).toThrow(
      new ConfigError('encodeSafetensors', "unknown option 'meta'; expected one of metadata"),
    )
    expect(() => encodeSafetensors(params, { metadata: { step: 3 } as unknown as Record<string, string> })).toThrow(
      new ConfigError('encodeSafetensors', 'metadata values must be strings, got 3 for "step"'),
    )
    expect(() => encodeSafetensors(params, { metadata: [] as unknown as Record<string, string> })).toThrow(
      new ConfigError('encodeSafetensors', 'metadata must be a record of strings, got an array'),
    )
  })

  it('leaves the params untouched', () => {
    const w = tensor([1, 2])
    encodeSafetensors({ w })
    expect(w.toFlatArray()).toEqual([1, 2])
  })
})

describe('decodeSafetensors', () => {
  it('reads back every dtype with the same bits, shapes and nesting, and the metadata', () => {
    const w = tensor(new Float32Array([NaN, -0, Infinity, 1e-45]), [2, 2])
    const layers: Params[] = [{ k: tensor([-7, 2 ** 31 - 1], [2], 'int32') }, { m: tensor([true, false]) }]
    const params = { dense: { w, b: tensor([0.1], [1], 'float64') }, layers, empty: zeros([0, 3]) }
    const { params: back, metadata } = decodeSafetensors(encodeSafetensors(params, { metadata: { step: '10' } }))
    expect(metadata).toEqual({ step: '10' })
    expect(back).toEqual(params)
    expect(bytesOf((back as { dense: { w: Tensor } }).dense.w)).toEqual(bytesOf(w))
  })

  it('turns records keyed 0 to n - 1 into arrays, by index whatever the order of the names', () => {
    const leaf = (x: number) => ({ dtype: 'F32', shape: [], data_offsets: [4 * x, 4 * x + 4] })
    const header = {
      'l.10': leaf(0),
      'l.2': leaf(1),
      ...Object.fromEntries([0, 1, 3, 4, 5, 6, 7, 8, 9].map((i, k) => [`l.${i}`, leaf(k + 2)])),
    }
    const values = [10, 2, 0, 1, 3, 4, 5, 6, 7, 8, 9]
    const { params } = decodeSafetensors(safetensorsFile(header, float32Bytes(values)))
    expect((params as { l: Tensor[] }).l.map((t) => t.item())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const gappy = { 'l.0': leaf(0), 'l.2': leaf(1) }
    expect(
      Object.keys((decodeSafetensors(safetensorsFile(gappy, float32Bytes([1, 2]))).params as { l: object }).l),
    ).toEqual(['0', '2'])
  })

  it('keeps a tensor named __proto__ as an own key, not as the prototype', () => {
    const header = '{"__proto__":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}'
    const { params } = decodeSafetensors(safetensorsFile(header, float32Bytes([5])))
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype)
    expect(Object.keys(params as object)).toEqual(['__proto__'])
  })

  it('reads a file whose header has trailing spaces and zero-size tensors anywhere in the data', () => {
    const header = {
      a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      z: { dtype: 'I32', shape: [0, 5], data_offsets: [4, 4] },
      b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
    }
    const text = JSON.stringify(header) + '   '
    const { params } = decodeSafetensors(safetensorsFile(text, float32Bytes([1, 2])))
    expect(params).toEqual({ a: tensor([1]), z: zeros([0, 5], 'int32'), b: tensor([2]) })
  })
})

describe('decodeSafetensors refuses a malformed file with a named error', () => {
  const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({
    dtype: 'F32',
    shape,
    data_offsets: [begin, end],
  })
  const eight = float32Bytes([1, 2])

  it('that is too short, or whose header size is too large', () => {
    fail(new Uint8Array(5), 'the file is 5 bytes, too short for the 8-byte header size')()
    fail(
      safetensorsFile({}, eight, 100_000_001n),
      "the header size is 100000001 bytes, more than the format's 100000000",
    )()
    fail(
      safetensorsFile({}, eight, 2n ** 64n - 1n),
      "the header size is 18446744073709551615 bytes, more than the format's 100000000",
    )()
    fail(safetensorsFile({}, eight, 11n), 'the header size is 11 bytes, but only 10 bytes follow it')()
  })

  it('whose header is not UTF-8 JSON of an object', () => {
    const latin1 = safetensorsFile('{}', new Uint8Array(0))
    latin1[9] = 0xff
    fail(latin1, 'the header is not valid UTF-8')()
    fail(safetensorsFile('[1]'), "the header must be a JSON object, starting with '{'")()
    fail(safetensorsFile(' {}'), "the header must be a JSON object, starting with '{'")()
    expect(() => decodeSafetensors(safetensorsFile('{"a":'))).toThrow(
      /^decodeSafetensors: the header is not valid JSON \(/,
    )
  })

  it('whose __metadata__ is not a record of strings', () => {
    fail(safetensorsFile({ __metadata__: [] }), '__metadata__ must be an object, got an array')()
    fail(safetensorsFile({ __metadata__: { step: 1 } }), '__metadata__ must map strings to strings, got 1 for "step"')()
  })

  it('whose tensor entries have a bad dtype, shape or data_offsets', () => {
    fail(safetensorsFile({ w: 1 }), 'tensor "w" must be an object { dtype, shape, data_offsets }, got 1')()
    fail(
      safetensorsFile({ w: { ...f32(0, 8), dtype: 'BF16' } }, eight),
      'tensor "w" has dtype BF16, which gradstream does not read; it reads F32, F64, I32 and BOOL',
    )()
    fail(safetensorsFile({ w: { ...f32(0, 8), dtype: 'f32' } }, eight), 'tensor "w" has the unknown dtype "f32"')()
    fail(
      safetensorsFile({ w: f32(0, 8, [2, -1]) }, eight),
      'tensor "w" must have a shape of non-negative integers, got [2, -1]',
    )()
    fail(
      safetensorsFile({ w: f32(0, 8, [2 ** 20, 2 ** 20]) }, eight),
      'tensor "w" has shape [1048576, 1048576], 1099511627776 elements, more than a tensor can hold (2147483647)',
    )()
    fail(
      safetensorsFile({ w: { ...f32(0, 8), data_offsets: [8, 0] } }, eight),
      'tensor "w" must have data_offsets [begin, end] of integers with 0 <= begin <= end, got [8, 0]',
    )()
    fail(
      safetensorsFile({ w: { ...f32(0, 8), data_offsets: [0] } }, eight),
      'tensor "w" must have data_offsets [begin, end] of integers with 0 <= begin <= end, got [0]',
    )()
    fail(
      safetensorsFile({ w: f32(0, 8, [3]) }, eight),
      'tensor "w" has 8 bytes (data_offsets [0, 8]), but shape [3] of F32 needs 12',
    )()
  })

  it('whose byte ranges leave the data, overlap, leave a gap or stop short of its end', () => {
    fail(
      safetensorsFile({ w: f32(0, 12) }, eight),
      'tensor "w" has data_offsets [0, 12], past the end of the data (8 bytes)',
    )()
    fail(safetensorsFile({ a: f32(0, 8), b: f32(4, 8) }, eight), 'tensors "a" [0, 8] and "b" [4, 8] overlap')()
    fail(
      safetensorsFile({ a: f32(0, 4), b: f32(4, 8), c: f32(4, 8) }, eight),
      'tensors "b" [4, 8] and "c" [4, 8] overlap',
    )()
    fail(
      safetensorsFile({ b: f32(4, 8) }, eight),
      'bytes 0 to 4 of the data belong to no tensor (a gap before "b" [4, 8])',
    )()
    fail(
      safetensorsFile({ a: f32(0, 4) }, eight),
      'bytes 4 to 8 of the data belong to no tensor (after the last one)',
    )()
  })

  it('whose names do not form a tree', () => {
    fail(
      safetensorsFile({ a: f32(0, 4), 'a.b': f32(4, 8) }, eight),
      'the names "a" and "a.b" clash: "a" is a tensor and also a record holding "a.b"',
    )()
    fail(
      safetensorsFile({ 'a.b.c': f32(0, 4), a: f32(4, 8) }, eight),
      'the names "a" and "a.b.c" clash: "a" is a tensor and also a record holding "a.b.c"',
    )()
    fail(
      safetensorsFile({ ['x.'.repeat(1000) + 'y']: f32(0, 8) }, eight),
      'the name of a tensor has 1001 parts, more than 1000',
    )()
  })

  it('that is not a Uint8Array', () => {
    expect(() => decodeSafetensors('abc' as unknown as Uint8Array)).toThrow(
      new ConfigError('decodeSafetensors', 'bytes must be a Uint8Array, got "abc"'),
    )
  })
})

describe('decodeSafetensors with like', () => {
  const like = { w: ones([2, 2]), pair: [zeros([1]), zeros([1], 'int32')] }
  const file = encodeSafetensors({ w: tensor([1, 2, 3, 4], [2, 2]), pair: [tensor([5]), tensor([6], [1], 'int32')] })

  it("gives the template's structure, records keyed '0' and '1' included, with the file's values", () => {
    expect(decodeSafetensors(file, { like }).params).toEqual({
      w: tensor([1, 2, 3, 4], [2, 2]),
      pair: [tensor([5]), tensor([6], [1], 'int32')],
    })
    const record = { '0': ones([1]), '1': ones([1]) }
    expect(decodeSafetensors(encodeSafetensors(record), { like: record }).params).toEqual(record)
    expect(Array.isArray(decodeSafetensors(encodeSafetensors(record)).params)).toBe(true)
  })

  it('refuses a file missing a tensor of the template, holding one more, or of another shape or dtype', () => {
    const refuse = (template: Params, message: string) =>
      expect(() => decodeSafetensors(file, { like: template })).toThrow(
        new CheckpointError('decodeSafetensors', message),
      )
    refuse({ ...like, b: ones([1]) }, 'the file has no tensor "b", which like holds')
    refuse({ w: like.w }, 'the file holds the tensor "pair.0", which like has no place for')
    refuse({ ...like, w: ones([4]) }, 'the tensor "w" is float32 [2, 2], like holds float32 [4]')
    refuse({ ...like, pair: [zeros([1]), zeros([1])] }, 'the tensor "pair.1" is int32 [1], like holds float32 [1]')
  })

  it('checks the template before reading the bytes, and refuses unknown options', () => {
    expect(() => decodeSafetensors(new Uint8Array(0), { like: ones([1]) })).toThrow(
      new StructureError(
        'decodeSafetensors',
        'like must be a record or an array of tensors, got a Tensor; name it: { weight: t }',
      ),
    )
    expect(() => decodeSafetensors(file, { template: like } as object)).toThrow(
      new ConfigError('decodeSafetensors', "unknown option 'template'; expected one of like"),
    )
  })
})
