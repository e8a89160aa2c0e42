import { checkInteger } from '@gradstream/core'
import type { DType, DTypeStorage, TypedArray } from '../dtypeStorage'

// Every region starts on an 8-byte boundary, so a Float64Array view fits anywhere.
const ALIGNMENT = 8
// Size classes 2^0 to 2^20 bytes: the largest storage the options let share a slab is 1 MiB.
const LARGEST_POOLED_BYTES = 2 ** 20
const SIZE_CLASSES = 21
const NO_SLAB = new ArrayBuffer(0)

/** How a SlabAllocator splits storage between shared slabs and buffers of their own. */
export interface SlabAllocatorOptions {
  /** Storage of b bytes shares slabs of `slotsPerSlab` × (b rounded up to a power of two) bytes. */
  readonly slotsPerSlab: number
  /** Storage of this many bytes or fewer gets a typed array of its own (V8 keeps those on its heap, cheaply). */
  readonly ownBelowBytes: number
  /** Storage of more bytes than this gets a buffer of its own. */
  readonly ownAboveBytes: number
}

/**
 * Zeroed storage carved out of shared ArrayBuffers (slabs) by bumping an
 * offset. A view into a slab costs a fraction of a fresh typed array of its
 * own, whose zeroed off-heap backing store V8 counts as external memory and
 * sweeps one by one. Bytes are handed out once and never reused, so storage
 * reads as zero and no two allocations share a byte; a slab is collected when
 * no view of it is left, so storage that lives long keeps its whole slab
 * alive. Each power-of-two size class has slabs of its own, `slotsPerSlab`
 * times the class: storage of b bytes keeps at most `slotsPerSlab` ×
 * 2^⌈log₂ b⌉ < 2 × `slotsPerSlab` × b bytes alive, the pinning bound. Sizes
 * outside (`ownBelowBytes`, `ownAboveBytes`] get a buffer of their own,
 * exactly their size. Internal: tensors never hand their storage out
 * (`dataSync` copies).
 * @example new SlabAllocator({ slotsPerSlab: 16, ownBelowBytes: 0, ownAboveBytes: 256 }).allocate('float32', 5).buffer.byteLength // 512
 */
export class SlabAllocator {
  readonly slotsPerSlab: number
  readonly ownBelowBytes: number
  readonly ownAboveBytes: number
  // The slab being filled for each size class (storage of 2^(c-1) + 1 to 2^c bytes), and the bytes used of it.
  readonly #slabs: ArrayBuffer[] = new Array<ArrayBuffer>(SIZE_CLASSES).fill(NO_SLAB)
  readonly #used = new Int32Array(SIZE_CLASSES)

  constructor({ slotsPerSlab, ownBelowBytes, ownAboveBytes }: SlabAllocatorOptions) {
    checkInteger('SlabAllocator', 'slotsPerSlab', slotsPerSlab, 1, 1024)
    checkInteger('SlabAllocator', 'ownAboveBytes', ownAboveBytes, 0, LARGEST_POOLED_BYTES)
    checkInteger('SlabAllocator', 'ownBelowBytes', ownBelowBytes, 0, ownAboveBytes)
    this.slotsPerSlab = slotsPerSlab
    this.ownBelowBytes = ownBelowBytes
    this.ownAboveBytes = ownAboveBytes
  }

  /** Zeroed storage for `size` elements of `dtype`, no byte of it shared with any other allocation. */
  allocate<D extends DType>(dtype: D, size: number): DTypeStorage[D]
  allocate(dtype: DType, size: number): TypedArray {
    // Compared rather than looked up in a table by dtype: such a lookup took longer than the rest of a small call.
    const bytes = dtype === 'float32' || dtype === 'int32' ? 4 * size : dtype === 'float64' ? 8 * size : size
    if (bytes <= this.ownBelowBytes || bytes > this.ownAboveBytes) return ownStorage(dtype, size)
    const sizeClass = 32 - Math.clz32(bytes - 1) // 2^sizeClass >= bytes
    let slab = this.#slabs[sizeClass]!
    let start = this.#used[sizeClass]!
    if (start + bytes > slab.byteLength) {
      slab = new ArrayBuffer(this.slotsPerSlab << sizeClass)
      this.#slabs[sizeClass] = slab
      start = 0
    }
    this.#used[sizeClass] = (start + bytes + ALIGNMENT - 1) & -ALIGNMENT
    return view(slab, start, dtype, size)
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
