import { checkInteger } from '@gradstream/core'
import type { DType, DTypeStorage, TypedArray } from '../dtype'

// Every region starts on an 8-byte boundary, so a Float64Array view fits anywhere.
const ALIGNMENT = 8

/** How a SlabAllocator splits storage between shared slabs and buffers of their own. */
export interface SlabAllocatorOptions {
  /** Bytes of each shared slab: the most a tensor's storage can keep alive beyond its own bytes. */
  readonly slabBytes: number
  /** Storage of this many bytes or fewer gets a typed array of its own (V8 keeps those on its heap, cheaply). */
  readonly ownBelowBytes: number
  /** Storage of more bytes than this gets a buffer of its own; at most `slabBytes`. */
  readonly ownAboveBytes: number
}

/**
 * Zeroed storage carved out of large shared ArrayBuffers (slabs) by bumping an
 * offset. A view into a slab costs a fraction of a fresh typed array of its
 * own, whose zeroed off-heap backing store V8 counts as external memory and
 * sweeps one by one. Bytes are handed out once and never reused, so storage
 * reads as zero and no two allocations share a byte; a slab is collected when
 * no view of it is left, which is why storage that lives long keeps its whole
 * slab alive: at most `slabBytes`, the pinning bound. Sizes outside
 * (`ownBelowBytes`, `ownAboveBytes`] get a buffer of their own, exactly their size.
 * Internal: tensors never hand their storage out (`dataSync` copies).
 * @example new SlabAllocator({ slabBytes: 1024, ownBelowBytes: 0, ownAboveBytes: 256 }).allocate('float32', 8).buffer.byteLength // 1024
 */
export class SlabAllocator {
  readonly slabBytes: number
  readonly ownBelowBytes: number
  readonly ownAboveBytes: number
  #slab: ArrayBuffer = new ArrayBuffer(0)
  #used = 0

  constructor({ slabBytes, ownBelowBytes, ownAboveBytes }: SlabAllocatorOptions) {
    checkInteger('SlabAllocator', 'slabBytes', slabBytes, 1)
    checkInteger('SlabAllocator', 'ownAboveBytes', ownAboveBytes, 0, slabBytes)
    checkInteger('SlabAllocator', 'ownBelowBytes', ownBelowBytes, 0, ownAboveBytes)
    this.slabBytes = slabBytes
    this.ownBelowBytes = ownBelowBytes
    this.ownAboveBytes = ownAboveBytes
  }

  /** Zeroed storage for `size` elements of `dtype`, no byte of it shared with any other allocation. */
  allocate<D extends DType>(dtype: D, size: number): DTypeStorage[D]
  allocate(dtype: DType, size: number): TypedArray {
    // Compared rather than looked up in a table by dtype: such a lookup took longer than the rest of a small call.
    const bytes = dtype === 'float32' || dtype === 'int32' ? 4 * size : dtype === 'float64' ? 8 * size : size
    if (bytes <= this.ownBelowBytes || bytes > this.ownAboveBytes) return ownStorage(dtype, size)
    let start = this.#used
    if (start + bytes > this.#slab.byteLength) {
      // The rest of the full slab is left unused: handing it out later would let it outlive its neighbours.
      this.#slab = new ArrayBuffer(this.slabBytes)
      start = 0
    }
    this.#used = (start + bytes + ALIGNMENT - 1) & -ALIGNMENT
    return view(this.#slab, start, dtype, size)
  }

  /** A copy of `values`, storage of `dtype`, placed as {@link allocate} places it (`slice` where it gets its own). */
  copy<D extends DType>(dtype: D, values: DTypeStorage[D]): DTypeStorage[D]
  copy(dtype: DType, values: TypedArray): TypedArray {
    if (values.byteLength <= this.ownBelowBytes || values.byteLength > this.ownAboveBytes) return values.slice()
    const out = this.allocate(dtype, values.length)
    out.set(values)
    return out
  }
}

function ownStorage(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size)
    case 'float64':
      return new Float64Array(size)
    case 'int32':
      return new Int32Array(size)
    case 'bool':
      return new Uint8Array(size)
  }
}

function view(slab: ArrayBuffer, start: number, dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(slab, start, size)
    case 'float64':
      return new Float64Array(slab, start, size)
    case 'int32':
      return new Int32Array(slab, start, size)
    case 'bool':
      return new Uint8Array(slab, start, size)
  }
}
