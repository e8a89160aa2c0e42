import type { Params } from '@gradstream/tensor'
import { learningRateAt } from './resumeOptions'
import type { ResumeOptions } from './resumeOptions'

/** The first version whose runs with an optimizer given as a function of the learning rate keep the rate in its state. */
export const RATE_IN_STATE_VERSION = 3

/**
 * The stored state of a checkpoint of `version` as the run resuming from it keeps it now.
 * Before version 3, a run whose optimizer was a function of the learning
 * rate stored that optimizer's state alone; such a run now keeps it inside
 * `injectHyperparams`'s `{ count, hyperparams: { learningRate }, inner }`,
 * so the old state is wrapped, with the step as the count and the run's
 * rate at that step (a stream's is written before the first step), and
 * continues to the numbers it would have before. Still encoded: the result
 * is checked and decoded as a state of the current version is.
 */
export function upgradedState<
  T extends { readonly step: number; readonly optimizer?: unknown },
  P extends Params,
  S,
  M extends Params | undefined,
>(version: number, state: T, run: ResumeOptions<P, S, M> | undefined): T {
  if (run === undefined || version >= RATE_IN_STATE_VERSION || typeof run.optimizer !== 'function') {
    return state
  }
  if (state.optimizer === undefined || (run.reset ?? []).includes('optimizer')) return state
  const hyperparams = { learningRate: learningRateAt(run.learningRate, state.step) }
  return { ...state, optimizer: { count: state.step, hyperparams, inner: state.optimizer } }
}
