import type { Tensor } from '@gradstream/tensor'
import { noSamplesError } from './checks'
import {
  addConfusion,
  checkConfusionState,
  confusionOf,
  emptyConfusion,
  mergeConfusion,
  metricNumClasses,
  numClassesOption,
  sampleCount,
} from './confusionCounts'
import type { ConfusionMatrixMetricOptions, ConfusionMatrixOptions, ConfusionMatrixState } from './confusionCounts'
import type { Metric } from './Metric'

/**
 * A score per class and their macro average.
 * @example const { macro, perClass }: ClassScores = f1(labels, logits)
 */
export interface ClassScores {
  /** The unweighted mean over the classes that occur in the labels or the predictions (sklearn's `average='macro'`). */
  readonly macro: number
  /** One score per class, class 0 first; 0 where the score's denominator is 0 (sklearn's `zero_division=0`). */
  readonly perClass: readonly number[]
}

/** Which score: its numerator is always the true positives tp; the denominator differs. */
type ScoreKind = 'precision' | 'recall' | 'f1'

/** Per class: tp / (tp + fp), tp / (tp + fn) or 2·tp / (2·tp + fp + fn), with 0 for 0 / 0; macro over the classes present. */
function scoresOf(fn: string, kind: ScoreKind, state: ConfusionMatrixState): ClassScores {
  if (sampleCount(state) === 0) throw noSamplesError(fn)
  const { numClasses: n, counts } = state
  const perClass: number[] = []
  let presentTotal = 0
  let present = 0
  for (let c = 0; c < n; c++) {
    let predicted = 0 // column sum: tp + fp
    let actual = 0 // row sum: tp + fn
    for (let other = 0; other < n; other++) {
      predicted += counts[other * n + c]!
      actual += counts[c * n + other]!
    }
    const truePositives = counts[c * n + c]!
    const [numerator, denominator] =
      kind === 'precision'
        ? [truePositives, predicted]
        : kind === 'recall'
          ? [truePositives, actual]
          : [2 * truePositives, predicted + actual]
    const score = denominator === 0 ? 0 : numerator / denominator
    perClass.push(score)
    if (predicted + actual > 0) {
      presentTotal += score
      present++
    }
  }
  return Object.freeze({ macro: presentTotal / present, perClass: Object.freeze(perClass) })
}

function scoreFunction(kind: ScoreKind) {
  return (labels: Tensor, predictions: Tensor, options: ConfusionMatrixOptions = {}): ClassScores => {
    const numClasses = numClassesOption(kind, options)
    return scoresOf(kind, kind, confusionOf(kind, labels, predictions, numClasses))
  }
}

function scoreMetric(kind: ScoreKind) {
  return (options: ConfusionMatrixMetricOptions): Metric<ConfusionMatrixState, ClassScores> => {
    const name = `${kind}Metric`
    const numClasses = metricNumClasses(name, options)
    return Object.freeze({
      init: () => emptyConfusion(numClasses),
      update: (state: ConfusionMatrixState, labels: Tensor, predictions: Tensor) => {
        checkConfusionState(`${name}.update`, state, numClasses)
        return addConfusion(`${name}.update`, state, labels, predictions)
      },
      merge: (a: ConfusionMatrixState, b: ConfusionMatrixState) => {
        checkConfusionState(`${name}.merge`, a, numClasses)
        return mergeConfusion(`${name}.merge`, a, b)
      },
      result: (state: ConfusionMatrixState) => {
        checkConfusionState(`${name}.result`, state, numClasses)
        return scoresOf(`${name}.result`, kind, state)
      },
    })
  }
}

/**
 * Precision per class, tp / (tp + fp), and its macro average, as sklearn's
 * `precision_score(average=None)` and `average='macro'` with
 * `zero_division=0`: a class never predicted scores 0, and the macro mean runs
 * over the classes that occur in the labels or the predictions (a class in
 * neither is left out, as sklearn's default labels and torchmetrics do).
 * Inputs and `numClasses` as {@link confusionMatrix}; counts are exact and the
 * scores float64.
 *
 * @example
 * const labels = tensor([0, 1, 1, 2], undefined, 'int32')
 * const predicted = tensor([0, 2, 1, 2], undefined, 'int32')
 * precision(labels, predicted) // { macro: 0.8333333333333334, perClass: [1, 1, 0.5] }
 */
export const precision = scoreFunction('precision')

/**
 * Recall per class, tp / (tp + fn), and its macro average (sklearn's
 * `recall_score`, `zero_division=0`); see {@link precision} for the rules.
 *
 * @example
 * const labels = tensor([0, 1, 1, 2], undefined, 'int32')
 * recall(labels, tensor([0, 2, 1, 2], undefined, 'int32')) // { macro: 0.8333333333333334, perClass: [1, 0.5, 1] }
 */
export const recall = scoreFunction('recall')

/**
 * F1 per class, 2·tp / (2·tp + fp + fn) (the harmonic mean of precision and
 * recall, 0 when both are 0), and macro F1 as sklearn's `f1_score(average=
 * 'macro')`: the mean of the per-class F1, not the F1 of the macro precision
 * and recall. See {@link precision} for the rules.
 *
 * @example
 * const labels = tensor([0, 1, 1, 2], undefined, 'int32')
 * f1(labels, tensor([0, 2, 1, 2], undefined, 'int32')).perClass // [1, 0.6666666666666666, 0.6666666666666666]
 */
export const f1 = scoreFunction('f1')

/**
 * {@link precision} as a streaming accumulator over `numClasses` classes
 * (its state is the confusion matrix); over any batching it equals
 * `precision` of the concatenated data, exactly.
 *
 * @example
 * const metric = precisionMetric({ numClasses: 3 })
 * const state = metric.update(metric.init(), tensor([0, 1], undefined, 'int32'), tensor([0, 0], undefined, 'int32'))
 * metric.result(state).perClass // [0.5, 0, 0]
 */
export const precisionMetric = scoreMetric('precision')

/**
 * {@link recall} as a streaming accumulator over `numClasses` classes.
 *
 * @example
 * const metric = recallMetric({ numClasses: 2 })
 * metric.result(metric.update(metric.init(), tensor([0, 1], undefined, 'int32'), tensor([0, 0], undefined, 'int32'))).macro // 0.5
 */
export const recallMetric = scoreMetric('recall')

/**
 * {@link f1} as a streaming accumulator over `numClasses` classes.
 *
 * @example
 * const metric = f1Metric({ numClasses: 2 })
 * metric.result(metric.update(metric.init(), tensor([0, 1], undefined, 'int32'), tensor([0, 0], undefined, 'int32'))).perClass // [0.6666666666666666, 0]
 */
export const f1Metric = scoreMetric('f1')
