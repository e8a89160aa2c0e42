import type { Params, RandomKey } from '@gradstream/tensor'

/** Named loss terms of one step, e.g. `{ mse: 0.02, l2: 0.03 }`; their sum is the loss. */
export type LossTerms = Readonly<Record<string, number>>

/**
 * The whole training state after one step: a frozen value. Unchanged parts
 * are the very objects of the previous snapshot, and tensors are immutable, so
 * nothing a subscriber does can change training.
 */
export type Snapshot<
  P extends Params = Params,
  S = unknown,
  M extends Params | undefined = Params | undefined,
  X = unknown,
> = Readonly<{
  /** Updates applied so far: 1 after the first step. */
  step: number
  /** Parameters after this step's update. */
  params: P
  /** Optimizer state after this step's update. */
  optimizer: S
  /** Total loss at the parameters this step started from (the value the gradient was taken of). */
  loss: number
  /** The named terms of `loss`; a loss function that returns one tensor reports it as `{ loss }`. */
  losses: LossTerms
  /** The learning rate this step's update used (NaN when the optimizer was given as a finished transformation). */
  learningRate: number
  /** Exponential moving average of the parameters, when training keeps one. */
  ema?: P
  /** This step's gradients, when asked for with `keepGrads`. */
  grads?: P
  /** The model's non-trainable state after this step (batch-norm moving statistics), when the run has `modelState`. */
  modelState?: M
  /** The run's random key, when the run has a `seed`: step n drew with `foldIn(runKey, n)`. */
  runKey?: RandomKey
  /** What the loss function returned as `aux` at this step (logits, predictions), deep-frozen. */
  aux?: X
  /** The epoch this step's batch came from, 1 for the first pass over the data (`fit` with `{ x, y }` data). */
  epoch?: number
  /** The step's place in its epoch, 1 for the epoch's first batch (`fit` with `{ x, y }` data). */
  stepInEpoch?: number
  /** True at the last step of an epoch (`fit` with `{ x, y }` data). */
  epochEnd?: boolean
  /**
   * The validation results of this step, on the snapshots where `evaluate` ran: `loss` (when it was
   * given a loss) and one number per metric, e.g. `{ loss: 0.28, accuracy: 0.91 }`.
   */
  eval?: Readonly<Record<string, number>>
}>

/** What a run needs to continue: the part of a snapshot a checkpoint stores. */
export type TrainState<
  P extends Params = Params,
  S = unknown,
  M extends Params | undefined = Params | undefined,
> = Pick<Snapshot<P, S, M>, 'step' | 'params' | 'optimizer' | 'ema' | 'modelState' | 'runKey'>
