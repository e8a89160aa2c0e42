import { checkCountState, noSamplesError } from './checks'

/**
 * The state of {@link accuracyMetric} and {@link topKAccuracyMetric}: how many samples were hits, of how many.
 * @example accuracyMetric().update(accuracyMetric().init(), tensor([1], undefined, 'int32'), tensor([[0, 1]])) // { correct: 1, count: 1 }
 */
export interface AccuracyState {
  readonly correct: number
  readonly count: number
}

const KEYS = ['correct', 'count']

/** No samples yet. */
export const NO_HITS: AccuracyState = Object.freeze({ correct: 0, count: 0 })

/** `state` with a batch of `count` samples, `correct` of them hits. */
export function addHits(fn: string, state: AccuracyState, correct: number, count: number): AccuracyState {
  checkCountState(fn, state, KEYS)
  return Object.freeze({ correct: state.correct + correct, count: state.count + count })
}

/** The counts of two disjoint parts of the data, added. */
export function mergeHits(fn: string, a: AccuracyState, b: AccuracyState): AccuracyState {
  checkCountState(fn, b, KEYS)
  return addHits(fn, a, b.correct, b.count)
}

/** The fraction of hits; a ShapeError without samples. */
export function hitFraction(fn: string, state: AccuracyState): number {
  checkCountState(fn, state, KEYS)
  if (state.count === 0) throw noSamplesError(fn)
  return state.correct / state.count
}
