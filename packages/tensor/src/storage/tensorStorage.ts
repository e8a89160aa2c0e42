import { SlabAllocator } from './SlabAllocator'

/**
 * The allocator behind every tensor's storage (dtype.ts's `allocate`). 64 KiB slabs; storage of 65 bytes to
 * 8 KiB is carved out of them: 64 bytes or fewer V8 keeps on its own heap already, more cheaply than a view,
 * and past 8 KiB a view saves too little to be worth pinning a slab (tensor README, "Storage"). Internal.
 */
export const tensorStorage = new SlabAllocator({ slabBytes: 65536, ownBelowBytes: 64, ownAboveBytes: 8192 })
