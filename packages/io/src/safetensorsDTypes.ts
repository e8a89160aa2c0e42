import type { DType } from '@gradstream/tensor'

/** The header key of the file's free-form text, which no tensor may take. */
export const METADATA_KEY = '__metadata__'

/** The safetensors dtypes gradstream reads and writes, with the tensor dtype each stands for. */
export const SAFETENSORS_DTYPES = { F32: 'float32', F64: 'float64', I32: 'int32', BOOL: 'bool' } as const

/** A safetensors dtype gradstream reads and writes. */
export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPES

/** The rest of the format's dtypes: named in the error that refuses them, rather than called unknown. */
export const OTHER_SAFETENSORS_DTYPES: readonly string[] = [
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'F8_E4M3',
  'F8_E5M2',
  'F8_E8M0',
  'F16',
  'BF16',
  'I8',
  'U8',
  'I16',
  'U16',
  'U32',
  'I64',
  'U64',
  'C64',
]

export const SAFETENSORS_DTYPE_OF: Readonly<Record<DType, SafetensorsDType>> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
  bool: 'BOOL',
}

export function isSafetensorsDType(value: unknown): value is SafetensorsDType {
  return typeof value === 'string' && Object.hasOwn(SAFETENSORS_DTYPES, value)
}
