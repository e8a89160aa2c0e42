import { SlabAllocator } from './SlabAllocator'

/**
 * The allocator behind every tensor's storage (dtype.ts's `allocate`). Storage of 65 bytes to 8 KiB is carved
 * out of slabs of 8 of its size class, so it keeps at most 8 × its size rounded up to a power of two alive
 * (less than 16 × its size; slabs of 1 KiB to 64 KiB): 64 bytes or fewer V8 keeps on its own heap already,
 * more cheaply than a view, and past 8 KiB a view saves too little to be worth pinning more (tensor README,
 * "Storage"). Internal.
 */
export const tensorStorage = new SlabAllocator({ slotsPerSlab: 8, ownBelowBytes: 64, ownAboveBytes: 8192 })
