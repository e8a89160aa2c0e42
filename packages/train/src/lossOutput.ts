import { StructureError, describe, isPlainObject } from '@gradstream/core'
import { add, assertSameStructure, Tensor } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import type { LossTerms } from './snapshot'
import type { LossOutput, LossResult } from './trainOptions'

/** A loss function's return split into the loss and what came beside it. */
export interface ReadLoss {
  readonly output: LossOutput
  readonly state: Params | undefined
  readonly aux: unknown
  readonly hasAux: boolean
}

const RESULT_KEYS = ['loss', 'state', 'aux']

/**
 * What the loss function returned, read for a run with or without model
 * state. Without it the return is the loss or named terms, as always; with
 * it, also `{ loss, state, aux }`. Telling the two apart by the run's options
 * rather than by key names keeps terms called `state` or `aux` what they are.
 */
export function readLoss(returned: unknown, stateful: boolean): ReadLoss {
  if (returned instanceof Tensor || !stateful) {
    return { output: returned as LossOutput, state: undefined, aux: undefined, hasAux: false }
  }
  if (
    !isPlainObject(returned) ||
    !('loss' in returned) ||
    Object.keys(returned).some((k) => !RESULT_KEYS.includes(k))
  ) {
    const got = isPlainObject(returned) ? `an object with keys ${Object.keys(returned).join(', ')}` : describe(returned)
    throw new StructureError(
      'train',
      `with modelState, the loss function must return a tensor or { loss, state, aux }, got ${got}`,
    )
  }
  // The loss function is typed to return a LossResult here; the check above is for untyped callers.
  const { loss, state, aux } = returned as Partial<LossResult<Params>>
  return { output: loss!, state, aux, hasAux: 'aux' in returned }
}

/** The terms summed left to right, in key order; a single tensor is the loss itself. */
export function totalLoss(output: LossOutput): Tensor {
  if (output instanceof Tensor) return output
  if (!isPlainObject(output)) {
    throw new StructureError('train', `the loss must be a tensor or named terms, got ${describe(output)}`)
  }
  let total: Tensor | undefined
  for (const name of Object.keys(output)) {
    const term = output[name]
    if (!(term instanceof Tensor)) {
      throw new StructureError('train', `loss term '${name}' must be a tensor, got ${describe(term)}`)
    }
    total = total === undefined ? term : add(total, term)
  }
  if (total === undefined) throw new StructureError('train', 'the loss function returned no terms')
  return total
}

/** Each term's value, frozen; a loss function returning one tensor reports it as `{ loss }`. */
export function lossValues(output: LossOutput): LossTerms {
  if (output instanceof Tensor) return Object.freeze({ loss: output.item() })
  const values: Record<string, number> = {}
  for (const name of Object.keys(output)) values[name] = output[name]!.item()
  return Object.freeze(values)
}

/**
 * Throws a StructureError unless the state the loss returned has the tree,
 * shapes and dtypes of the one it got: moving statistics change values,
 * never form, and a checkpoint of a changed form could not be resumed.
 */
export function checkReturnedState(given: Params, returned: Params): void {
  if (returned === given) return
  assertSameStructure(given, returned, {
    names: ['state', 'returned state'],
    shapes: true,
    dtypes: true,
    caller: 'train',
  })
}
