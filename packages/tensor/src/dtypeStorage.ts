// The dtypes and their typed arrays, apart from dtype.ts's functions so that the storage allocator, which
// dtype.ts's allocate calls, can name them without an import cycle.

/** Element types a tensor can hold. `float32` is the default, as in TensorFlow. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool'

/** The typed array that stores each dtype. `bool` is stored as 0/1 bytes. */
export interface DTypeStorage {
  float32: Float32Array
  float64: Float64Array
  int32: Int32Array
  bool: Uint8Array
}

export type TypedArray = DTypeStorage[DType]
