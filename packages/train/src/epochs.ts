/**
 * Where a step's batch sits in the walk over the data, as every snapshot of
 * `fit` over `{ x, y }` data reports it.
 * @example const position: EpochPosition = { epoch: 2, stepInEpoch: 1, epochEnd: false }
 */
export interface EpochPosition {
  /** The pass over the data the batch belongs to: 1 for the first. */
  readonly epoch: number
  /** The batch's place in its epoch: 1 for the first. */
  readonly stepInEpoch: number
  /** True for the last batch of its epoch. */
  readonly epochEnd: boolean
}

/** The position of step `step` (1 for the first batch) when every epoch is `stepsPerEpoch` batches. */
export function alignedEpochPosition(step: number, stepsPerEpoch: number): EpochPosition {
  const index = step - 1
  const stepInEpoch = (index % stepsPerEpoch) + 1
  return { epoch: Math.floor(index / stepsPerEpoch) + 1, stepInEpoch, epochEnd: stepInEpoch === stepsPerEpoch }
}

/**
 * The position of step `step` in the seed's wrapping walk (`order: 'cycle'`
 * in a run of `steps`), where batch i starts at row `(i * batchSize) % n` and
 * is clipped at n: the batch clipped at n ends an epoch. Counting the rows
 * the walk has passed, batch i starts in pass `floor(i * batchSize / n)`, and
 * the pass p starts at batch `ceil(p * n / batchSize)`. When batchSize
 * divides n this is {@link alignedEpochPosition}.
 */
export function wrappingEpochPosition(step: number, batchSize: number, n: number): EpochPosition {
  // A batch larger than the data is clipped every time: each one is an epoch.
  if (batchSize >= n) return { epoch: step, stepInEpoch: 1, epochEnd: true }
  const index = step - 1
  const pass = Math.floor((index * batchSize) / n)
  const firstOfPass = Math.ceil((pass * n) / batchSize)
  return {
    epoch: pass + 1,
    stepInEpoch: index - firstOfPass + 1,
    epochEnd: Math.floor(((index + 1) * batchSize) / n) > pass,
  }
}
