import type { Snapshot } from '@gradstream/train'

/**
 * What the loggers read of a snapshot: `train`'s `Snapshot` fits, and so
 * does any record with these fields. `eval` holds the numbers of `evaluate`
 * on the snapshots where an evaluation ran.
 * @example const logged: LoggedSnapshot = { step: 1, loss: 0.5, losses: { loss: 0.5 }, learningRate: 0.1 }
 */
export type LoggedSnapshot = Pick<Snapshot, 'step' | 'loss' | 'losses' | 'learningRate' | 'epoch' | 'eval'>

/**
 * One named number of a logged snapshot, by the name all three formats use for it.
 * @example const value: LoggedValue = { name: 'loss/mse', value: 0.75 }
 */
export interface LoggedValue {
  readonly name: string
  readonly value: number
}

/**
 * The numbers a snapshot logs besides its step and epoch, in this order:
 * `loss`, `loss/<term>` for each loss term (not for a loss of one term named
 * `loss`, which is the loss itself), `learning_rate` (not when it is NaN, the
 * rate of an optimizer given as a finished transformation) and `eval/<name>`
 * for each number of the snapshot's evaluation.
 * @example loggedValues({ step: 3, loss: 1, losses: { mse: 0.75, l2: 0.25 }, learningRate: 0.1 }).map((v) => v.name)
 * // ['loss', 'loss/mse', 'loss/l2', 'learning_rate']
 */
export function loggedValues(snapshot: LoggedSnapshot): LoggedValue[] {
  const values: LoggedValue[] = [{ name: 'loss', value: snapshot.loss }]
  const terms = Object.keys(snapshot.losses)
  if (!(terms.length === 1 && terms[0] === 'loss')) {
    for (const term of terms) values.push({ name: `loss/${term}`, value: snapshot.losses[term]! })
  }
  if (!Number.isNaN(snapshot.learningRate)) values.push({ name: 'learning_rate', value: snapshot.learningRate })
  for (const [name, value] of Object.entries(snapshot.eval ?? {})) values.push({ name: `eval/${name}`, value })
  return values
}
