// A plain reading of the safetensors spec, independent of the decoder: what a file holds, or undefined
// when any rule of the format (or of naming a tree) is broken. The property tests compare the two.

const ITEM: Readonly<Record<string, number>> = { F32: 4, F64: 8, I32: 4, BOOL: 1 }

/** A tensor as the file describes it: dtype, shape and its data bytes (bools as 0 and 1). */
export interface ReferenceTensor {
  readonly dtype: string
  readonly shape: number[]
  readonly bytes: Uint8Array
}

export function referenceSafetensors(file: Uint8Array): Map<string, ReferenceTensor> | undefined {
  if (file.length < 8) return undefined
  const size = new DataView(file.buffer, file.byteOffset).getBigUint64(0, true)
  if (size > 100_000_000n || Number(size) > file.length - 8) return undefined
  const dataStart = 8 + Number(size)
  let header: unknown
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file.subarray(8, dataStart))
    if (text[0] !== '{') return undefined
    header = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined
  const data = file.subarray(dataStart)
  const spans: [number, number][] = []
  const tensors = new Map<string, ReferenceTensor>()
  for (const [name, info] of Object.entries(header)) {
    const record = info as Record<string, unknown>
    if (typeof info !== 'object' || info === null || Array.isArray(info)) return undefined
    if (name === '__metadata__') {
      if (!Object.values(record).every((v) => typeof v === 'string')) return undefined
      continue
    }
    const { dtype, shape, data_offsets: offsets } = record
    if (typeof dtype !== 'string' || !(dtype in ITEM)) return undefined
    const natural = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0
    if (!Array.isArray(shape) || !shape.every(natural)) return undefined
    const count = shape.reduce((a: number, b: number) => a * b, 1)
    if (count > 2 ** 31 - 1) return undefined
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(natural)) return undefined
    const [begin, end] = offsets as [number, number]
    if (begin > end || end - begin !== count * ITEM[dtype]! || end > data.length) return undefined
    spans.push([begin, end])
    const bytes = data.slice(begin, end)
    tensors.set(name, { dtype, shape, bytes: dtype === 'BOOL' ? bytes.map((b) => (b ? 1 : 0)) : bytes })
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let covered = 0
  for (const [begin, end] of spans) {
    if (begin !== covered) return undefined
    covered = end
  }
  if (covered !== data.length) return undefined
  const names = [...tensors.keys()]
  if (names.some((name) => name.split('.').length > 1000)) return undefined
  if (names.some((a) => names.some((b) => b.startsWith(`${a}.`)))) return undefined
  return tensors
}
