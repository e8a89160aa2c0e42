import type { InjectHyperparamsState } from '@gradstream/optimizers'

/**
 * The optimizer state of a run whose optimizer is a function of the learning
 * rate: optax's `inject_hyperparams` state, with the rate kept in
 * `hyperparams.learningRate` where an edit can change it.
 * @example const rate = snapshot.optimizer.hyperparams.learningRate // snapshot: Snapshot<P, LearningRateState<AdamState>>
 */
export type LearningRateState<S> = InjectHyperparamsState<'learningRate', S>
