import { SlabAllocator } from './SlabAllocator'

/**
 * The allocator behind every tensor's storage (dtype.ts's `allocate`). Storage of 65 bytes to 8 KiB is carved
 * out of slabs of 16 of its size class, so it keeps at most 16 × its size rounded up to a power of two alive
 * (less than 32 × its size; 2 KiB to 128 KiB): 64 bytes or fewer V8 keeps on its own heap already, more
 * cheaply than a view, and past 8 KiB a view saves too little to be worth pinning more (tensor README,
 * "Storage"). Internal.
 */
export const tensorStorage = new SlabAllocator({ slotsPerSlab: 16, ownBelowBytes: 64, ownAboveBytes: 8192 })
