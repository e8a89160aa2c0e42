import type { Params, Tensor } from '@gradstream/tensor'
import type { TrainState } from '../snapshot'

/**
 * An edit of a run's state: an immer recipe over a draft of the state
 * (`step`, `params`, `optimizer`, `ema`, `modelState`, `runKey`), given to
 * `train`/`fit` through their `control` stream and applied with `produce`
 * between two steps. It changes the draft in place; what it returns is
 * ignored. `step` and `runKey` are not editable, and the edited parts must
 * keep their structure, dtypes and shapes.
 * @example const halveRate: StateEdit<P, LearningRateState<AdamState>> = (draft) => { draft.optimizer.hyperparams.learningRate /= 2 }
 */
export type StateEdit<P extends Params = Params, S = unknown, M extends Params | undefined = Params | undefined> = (
  draft: StateDraft<TrainState<P, S, M>>,
) => void

/**
 * What a recipe's draft is: immer's `Draft`, writable all the way down,
 * except that tensors are tensors. Immer drafts plain objects and arrays
 * only, so a tensor read from the draft is the state's own (immutable)
 * tensor, and a tensor is what is assigned to replace one.
 * @example const draft: StateDraft<TrainState<{ w: Tensor }>> = { step: 1, params: { w: ones([2]) }, optimizer: {} }
 */
export type StateDraft<T> = Params extends T
  ? T // the general, recursive pytree type (an optimizer's moments): a tree is assigned whole
  : T extends Tensor
    ? T
    : T extends (...args: never[]) => unknown
      ? T
      : T extends object
        ? { -readonly [K in keyof T]: StateDraft<T[K]> }
        : T
