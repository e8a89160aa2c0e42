// Files gradstream writes, read by numpy; files numpy writes, read by gradstream: equal bits both ways,
// NaN payloads, subnormals, -0 and infinities included (the float data are random bit patterns).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tensor } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { afterAll, describe, expect, it } from 'vitest'
import { loadNpy, loadNpz, loadSafetensors, saveNpy, saveNpz, saveSafetensors } from './index'
import { numpyPresent, numpySuiteTitle, runPython } from './testing/numpy'

/** One array a file holds: where to find it, and the raw little-endian C-order bytes it must have. */
interface Expected {
  readonly kind: 'npy' | 'npz' | 'safetensors'
  readonly file: string
  readonly key?: string
  readonly descr: string
  readonly shape: number[]
  readonly bin: string
}

const work = mkdtempSync(join(tmpdir(), 'gradstream-io-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Random 32-bit words from a fixed seed (mulberry32), for float bit patterns of every kind. */
function randomWords(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count)
  let state = seed >>> 0
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    out[i] = (t ^ (t >>> 14)) >>> 0
  }
  return out
}

/** float32 words random bits may miss: a signalling and a quiet NaN with payloads, -0, +Infinity, the least subnormal. */
const SPECIAL_F32 = [0x7f800001, 0x7fc12345, 0x80000000, 0x7f800000, 0x00000001]

function float32Words(count: number, seed: number): Float32Array {
  const words = randomWords(count, seed)
  words.set(SPECIAL_F32)
  return new Float32Array(words.buffer)
}

const bytesOf = (t: Tensor) => new Uint8Array(t.dataSync().buffer)
const DESCR = { float32: '<f4', float64: '<f8', int32: '<i4', bool: '|b1' } as const

function leafAt(tree: Params, key: string): Tensor {
  return key.split('.').reduce((node: unknown, part) => (node as Record<string, unknown>)[part], tree) as Tensor
}

describe.skipIf(!numpyPresent)(numpySuiteTitle('files gradstream writes, read by numpy'), () => {
  const cases: Record<string, Tensor> = {
    f32: tensor(float32Words(60, 1), [3, 4, 5]),
    f64: tensor(new Float64Array(randomWords(34, 2).buffer), [17]),
    i32: tensor(new Int32Array(randomWords(6, 3).buffer), [2, 3]),
    bool: tensor([true, false, false, true], [2, 2]),
    scalar: tensor(new Float32Array([-0]), []),
    empty: tensor(new Float32Array(0), [0, 3]),
  }
  const tree: Params = { cases, layers: [{ w: cases.f64! }, { w: cases.i32!, b: cases.scalar! }] }
  const expected: Expected[] = []

  for (const [name, t] of Object.entries(cases)) {
    writeFileSync(join(work, `${name}.bin`), bytesOf(t))
    saveNpy(t, join(work, `${name}.npy`))
    expected.push({ kind: 'npy', file: `${name}.npy`, descr: DESCR[t.dtype], shape: [...t.shape], bin: `${name}.bin` })
  }
  saveNpz(tree, join(work, 'tree.npz'))
  saveNpz(tree, join(work, 'tree-compressed.npz'), { compress: true })
  saveSafetensors(tree, join(work, 'tree.safetensors'), { metadata: { format: 'np', step: '7' } })
  const leaves = [
    ...Object.keys(cases).map((name) => [`cases.${name}`, name] as const),
    ['layers.0.w', 'f64'],
    ['layers.1.w', 'i32'],
    ['layers.1.b', 'scalar'],
  ] as const
  for (const file of ['tree.npz', 'tree-compressed.npz', 'tree.safetensors']) {
    for (const [key, name] of leaves) {
      const t = cases[name]!
      const kind = file.endsWith('.npz') ? 'npz' : 'safetensors'
      expected.push({ kind, file, key, descr: DESCR[t.dtype], shape: [...t.shape], bin: `${name}.bin` })
    }
  }
  writeFileSync(join(work, 'expected.json'), JSON.stringify(expected))

  const check = `
import json, struct, sys, zipfile
import numpy as np

def safetensors(path):
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop('__metadata__', {})
    kinds = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4', 'BOOL': '|b1'}
    arrays, spans = {}, []
    for name, info in header.items():
        begin, end = info['data_offsets']
        spans.append((begin, end))
        dtype = np.dtype(kinds[info['dtype']])
        arrays[name] = np.frombuffer(raw[8 + n + begin:8 + n + end], dtype=dtype).reshape(info['shape'])
    covered = 0
    for begin, end in sorted(spans):
        assert begin == covered, 'gap or overlap'
        covered = end
    assert covered == len(raw) - 8 - n, 'data not covered'
    return arrays, meta

problems = []
expected = json.load(open('expected.json'))
tree_keys = sorted({e['key'] for e in expected if 'key' in e})
for path in ['tree.npz', 'tree-compressed.npz']:
    with np.load(path, allow_pickle=False) as z:
        if sorted(z.files) != tree_keys:
            problems.append(f'{path}: keys {sorted(z.files)}')
    methods = {i.compress_type for i in zipfile.ZipFile(path).infolist()}
    want = {zipfile.ZIP_DEFLATED} if 'compressed' in path else {zipfile.ZIP_STORED}
    if methods != want:
        problems.append(f'{path}: compression {methods}')
st, meta = safetensors('tree.safetensors')
if meta != {'format': 'np', 'step': '7'}:
    problems.append(f'metadata {meta}')
for e in expected:
    if e['kind'] == 'npy':
        a = np.load(e['file'], allow_pickle=False)
    elif e['kind'] == 'npz':
        with np.load(e['file'], allow_pickle=False) as z:
            a = z[e['key']]
    else:
        a = st[e['key']]
    where = f"{e['file']} {e.get('key', '')}"
    if a.dtype.str != e['descr'] or list(a.shape) != e['shape']:
        problems.append(f'{where}: {a.dtype.str} {a.shape}')
    elif np.ascontiguousarray(a).tobytes() != open(e['bin'], 'rb').read():
        problems.append(f'{where}: bytes differ')
print(json.dumps({'checked': len(expected), 'problems': problems}))
`

  it('reads every array with the same dtype, shape and bytes, by np.load and by the safetensors spec', () => {
    const verdict = runPython<{ checked: number; problems: string[] }>(check, work)
    expect(verdict).toEqual({ checked: expected.length, problems: [] })
  })
})

describe.skipIf(!numpyPresent)(numpySuiteTitle('files numpy writes, read by gradstream'), () => {
  const write = `
import json, struct
import numpy as np

rng = np.random.default_rng(0)
bits = rng.integers(0, 2**32, 60, dtype=np.uint32)
bits[:5] = [0x7f800001, 0x7fc12345, 0x80000000, 0x7f800000, 0x00000001]  # sNaN, NaN payload, -0, inf, subnormal
f32 = bits.view(np.float32).reshape(3, 4, 5)
f64 = rng.integers(0, 2**64, 17, dtype=np.uint64).view(np.float64)
i32 = rng.integers(-2**31, 2**31, (2, 3), dtype=np.int32)
arrays = {
    'f32': f32, 'f64': f64, 'i32': i32,
    'f32_big': f32.astype('>f4'), 'f64_big': f64.astype('>f8'), 'i32_big': i32.astype('>i4'),
    'bool': rng.integers(0, 2, (3, 2)).astype(bool),
    'fortran': np.asfortranarray(rng.standard_normal((3, 4, 5)).astype(np.float32)),
    'fortran_big': np.asfortranarray(rng.standard_normal((2, 3)).astype('>f8')),
    'scalar': np.array(-0.0, dtype=np.float32),
    'empty': np.zeros((0, 3), dtype=np.int32),
}
expected = []
def raw(name, a):
    # C order, little-endian: what a gradstream tensor's storage holds
    np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tofile(name + '.bin')
    return name + '.bin'
for name, a in arrays.items():
    np.save(name + '.npy', a)
    expected.append({'kind': 'npy', 'file': name + '.npy', 'dtype': a.dtype.name, 'shape': list(a.shape), 'bin': raw(name, a)})
for version in [(2, 0), (3, 0)]:
    path = 'f32_v%d.npy' % version[0]
    with open(path, 'wb') as f:
        np.lib.format.write_array(f, f32, version=version)
    expected.append({'kind': 'npy', 'file': path, 'dtype': 'float32', 'shape': [3, 4, 5], 'bin': 'f32.bin'})
named = {'layers.0.w': f32, 'layers.1.w': i32, 'layers.1.b': arrays['bool'], 'bias': f64}
np.savez('plain.npz', **named)
np.savez_compressed('compressed.npz', **named)
np.savez('positional.npz', f32, i32)
for path in ['plain.npz', 'compressed.npz']:
    for key, a in named.items():
        expected.append({'kind': 'npz', 'file': path, 'key': key, 'dtype': a.dtype.name, 'shape': list(a.shape), 'bin': raw(key, a)})
for key, a in [('arr_0', f32), ('arr_1', i32)]:
    expected.append({'kind': 'npz', 'file': 'positional.npz', 'key': key, 'dtype': a.dtype.name, 'shape': list(a.shape), 'bin': raw(key, a)})

# safetensors by the spec: tensors sorted by alignment then name, as the reference writer lays them out
kinds = {'float32': 'F32', 'float64': 'F64', 'int32': 'I32', 'bool': 'BOOL'}
header, blobs, offset = {'__metadata__': {'format': 'np'}}, [], 0
for key, a in sorted(named.items(), key=lambda kv: (-kv[1].dtype.itemsize, kv[0])):
    data = np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes()
    header[key] = {'dtype': kinds[a.dtype.name], 'shape': list(a.shape), 'data_offsets': [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
text = json.dumps(header).encode()
text += b' ' * (-len(text) % 8)
with open('model.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))
for key, a in named.items():
    expected.append({'kind': 'safetensors', 'file': 'model.safetensors', 'key': key, 'dtype': a.dtype.name, 'shape': list(a.shape), 'bin': raw(key, a)})
print(json.dumps(expected))
`
  const dir = join(work, 'from-numpy')

  it('loads np.save (1.0, 2.0, 3.0; little- and big-endian; Fortran order), np.savez, np.savez_compressed and a spec-written safetensors file with the same bits', () => {
    mkdirSync(dir)
    const expected = runPython<(Omit<Expected, 'descr'> & { dtype: string })[]>(write, dir)
    const trees = new Map<string, Params>()
    const load = (e: (typeof expected)[number]): Tensor => {
      const path = join(dir, e.file)
      if (e.kind === 'npy') return loadNpy(path)
      if (!trees.has(path)) trees.set(path, e.kind === 'npz' ? loadNpz(path) : loadSafetensors(path).params)
      return leafAt(trees.get(path)!, e.key!)
    }
    for (const e of expected) {
      const t = load(e)
      const where = `${e.file} ${e.key ?? ''}`
      expect({ where, dtype: t.dtype, shape: t.shape }).toEqual({ where, dtype: e.dtype, shape: e.shape })
      expect(Buffer.from(bytesOf(t)).equals(readFileSync(join(dir, e.bin))), `${where}: bytes`).toBe(true)
    }
    expect(expected.length).toBe(27)
    expect(loadSafetensors(join(dir, 'model.safetensors')).metadata).toEqual({ format: 'np' })
    expect(Object.keys(loadNpz(join(dir, 'positional.npz')))).toEqual(['arr_0', 'arr_1'])
  })
})
