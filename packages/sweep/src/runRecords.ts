/**
 * The records a run's `finished` event reports, over the whole run: a
 * resumed run is seeded with the step records its kept log holds, so a best
 * step before the checkpoint is not missed. Each record is
 * `{ step, ...scalars }`.
 */
export class RunRecords {
  #final: Readonly<Record<string, number>> | undefined
  #bestEvaluated: Readonly<Record<string, number>> | undefined
  #bestTrained: Readonly<Record<string, number>> | undefined

  /** Takes the record of the next step. */
  add(record: Readonly<Record<string, number>>): void {
    this.#final = record
    const evalLoss = record['eval/loss']
    if (evalLoss !== undefined && !(lowest(this.#bestEvaluated, 'eval/loss') <= evalLoss)) {
      this.#bestEvaluated = record
    }
    if (!(lowest(this.#bestTrained, 'loss') <= record.loss!)) this.#bestTrained = record
  }

  /** The last step's record (empty before any step). */
  get final(): Readonly<Record<string, number>> {
    return this.#final ?? {}
  }

  /** The step with the lowest `eval/loss`, else (a run without evaluations) the lowest `loss`, else the final record. */
  get best(): Readonly<Record<string, number>> {
    return this.#bestEvaluated ?? this.#bestTrained ?? this.final
  }

  /** The last step's number, 0 before any step. */
  get steps(): number {
    return this.#final?.step ?? 0
  }
}

/** The value of `name` in the best record so far; a NaN value is never lowest, and the first record wins ties. */
function lowest(best: Readonly<Record<string, number>> | undefined, name: string): number {
  const value = best?.[name]
  return value === undefined || Number.isNaN(value) ? Infinity : value
}
