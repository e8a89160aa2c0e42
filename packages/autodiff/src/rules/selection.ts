// Ops that pick elements: the cotangent goes back to the picked elements
// only. Conditions and indices get nothing.
import { gather, gatherND, scatterND, unsortedSegmentSum, where } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

export const whereVjp: VjpRule<'where'> = (g, [condition], _y, _attrs, needed) => [
  null,
  needed[1] ? where(condition, g, 0) : null,
  needed[2] ? where(condition, 0, g) : null,
]

// Rows gathered several times add up: the scatter is a segment sum.
export const gatherVjp: VjpRule<'gather'> = (g, [x, indices], _y, { axis }) => [
  unsortedSegmentSum(g, indices, x.shape[axis]!, axis),
  null,
]

export const unsortedSegmentSumVjp: VjpRule<'unsortedSegmentSum'> = (g, [, segmentIds], _y, { axis }) => [
  gather(g, segmentIds, axis),
  null,
]

// Tuples gathered several times add up: scatterND adds duplicates (TF's GatherNd gradient).
export const gatherNDVjp: VjpRule<'gatherND'> = (g, [x, indices]) => [scatterND(indices, g, x.shape), null]

export const scatterNDVjp: VjpRule<'scatterND'> = (g, [indices]) => [null, gatherND(g, indices)]
