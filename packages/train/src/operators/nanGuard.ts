import { flattenTree } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { NonFiniteError } from '../errors'
import type { LossTerms } from '../snapshot'

interface Guarded {
  readonly step: number
  readonly loss: number
  readonly losses: LossTerms
  readonly params: Params
}

/**
 * Errors the stream, instead of emitting the snapshot, when a loss term or a
 * parameter is NaN or infinite; the error names the step and where.
 * A throw inside `tap` becomes an error notification, so subscribers see it in order.
 * @example step$.pipe(nanGuard()).subscribe({ error: (e) => console.error(e.message) })
 */
export function nanGuard<T extends Guarded>(): MonoTypeOperatorFunction<T> {
  return tap((snapshot) => {
    for (const [name, value] of Object.entries(snapshot.losses)) {
      if (!Number.isFinite(value)) throw new NonFiniteError(snapshot.step, `loss term '${name}'`, value)
    }
    if (!Number.isFinite(snapshot.loss)) throw new NonFiniteError(snapshot.step, 'the loss', snapshot.loss)
    const { leaves, treedef } = flattenTree(snapshot.params)
    leaves.forEach((leaf, i) => {
      const bad = leaf.toFlatArray().find((v) => !Number.isFinite(v))
      if (bad !== undefined) throw new NonFiniteError(snapshot.step, `parameter ${treedef.paths[i]}`, bad)
    })
  })
}
