import type { DType } from '@gradstream/tensor'

/** The numpy type strings gradstream reads, with the tensor dtype and byte order of each. */
const NPY_DTYPES: Readonly<Record<string, { readonly dtype: DType; readonly littleEndian: boolean }>> = {
  '<f4': { dtype: 'float32', littleEndian: true },
  '<f8': { dtype: 'float64', littleEndian: true },
  '<i4': { dtype: 'int32', littleEndian: true },
  '>f4': { dtype: 'float32', littleEndian: false },
  '>f8': { dtype: 'float64', littleEndian: false },
  '>i4': { dtype: 'int32', littleEndian: false },
  '|b1': { dtype: 'bool', littleEndian: true },
}

/** The type string gradstream writes for each dtype: little-endian, as numpy writes on every common machine. */
export const NPY_DESCR_OF: Readonly<Record<DType, string>> = {
  float32: '<f4',
  float64: '<f8',
  int32: '<i4',
  bool: '|b1',
}

/** The dtype and byte order of a numpy type string, or undefined for one gradstream does not read. */
export function npyDType(descr: string): { readonly dtype: DType; readonly littleEndian: boolean } | undefined {
  return Object.hasOwn(NPY_DTYPES, descr) ? NPY_DTYPES[descr] : undefined
}

/** The type strings gradstream reads, for the message that refuses another. */
export const NPY_DESCRS_READ = Object.keys(NPY_DTYPES).join(', ')
