import { sgd } from '@gradstream/optimizers'
import { square, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { produce } from 'immer'
import { Subject, tap } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { StateEdit } from '../control/stateEdit'
import { StateEditError } from '../control/stateEditError'
import { fit } from '../fit'
import { reduceOnPlateau } from './reduceOnPlateau'
import type { LearningRateEdit, ReduceOnPlateauOptions } from './reduceOnPlateau'

/** The rate after each loss, when every edit the operator sends is applied at once to a state at rate `initial`. */
function ratesAfter(losses: readonly number[], initial: number, options: ReduceOnPlateauOptions): number[] {
  const loss$ = new Subject<{ loss: number }>()
  let state = { optimizer: { hyperparams: { learningRate: initial } } }
  loss$.pipe(reduceOnPlateau(options)).subscribe((edit) => {
    state = produce(state, edit)
  })
  return losses.map((loss) => {
    loss$.next({ loss })
    return state.optimizer.hyperparams.learningRate
  })
}

/** sgd on w² from w = 1: at rate 1 it bounces w between 1 and -1, and the loss is stuck at 1. */
const bouncing = {
  params: { w: tensor([1]) },
  loss: ({ w }: { readonly w: Tensor }) => sum(square(w)),
  data: { x: tensor([[0]]), y: tensor([[0]]) },
  steps: 8,
  batching: { batchSize: 1 },
}

describe('reduceOnPlateau', () => {
  it('multiplies the rate by factor after `patience` steps without improvement', () => {
    const rates = ratesAfter([5, 4, 4, 4, 3, 3, 3, 3], 1, { factor: 0.5, patience: 2 })
    expect(rates).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25])
  })

  it('waits out the cooldown and stops at minRate', () => {
    const rates = ratesAfter([1, 1, 1, 1, 1, 1, 1], 1, { factor: 0.1, patience: 1, cooldown: 2, minRate: 0.05 })
    expect(rates).toEqual([1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05])
    // A rate at or below minRate is left as it is (Keras), not raised to it.
    expect(ratesAfter([1, 1, 1], 0.01, { factor: 0.5, patience: 1, minRate: 0.05 })).toEqual([0.01, 0.01, 0.01])
  })

  it("steers a run through its control stream: the rate in the run's state drops from the next step", async () => {
    const control$ = new Subject<LearningRateEdit>()
    const run$ = fit({ ...bouncing, optimizer: sgd, learningRate: 1, control: control$ })
    const seen: { loss: number; learningRate: number }[] = []
    run$
      .pipe(
        tap((s) => seen.push(s)),
        reduceOnPlateau({ factor: 0.25, patience: 2 }),
      )
      .subscribe(control$)
    expect(seen.map((s) => s.learningRate)).toEqual([1, 1, 1, 0.25, 0.25, 0.25, 0.25, 0.25])
    expect(seen.map((s) => s.loss)).toEqual([1, 1, 1, 1, 0.25, 0.0625, 0.015625, 0.00390625])
  })

  it('fails the run with a StateEditError when its optimizer state holds no learning rate', () => {
    const control$ = new Subject<StateEdit<{ readonly w: Tensor }>>()
    const run$ = fit({ ...bouncing, optimizer: sgd(1), control: control$ })
    let error: unknown
    run$.pipe(reduceOnPlateau({ patience: 1 })).subscribe({
      next: (edit) => control$.next(edit as StateEdit<{ readonly w: Tensor }>),
      error: (e: unknown) => (error = e),
    })
    expect(error).toBeInstanceOf(StateEditError)
    expect((error as Error).message).toBe(
      "train: the state edit before step 3 threw: reduceOnPlateau: the run's optimizer state holds no learning rate; " +
        'give the optimizer as a function of the rate (optimizer: adam, learningRate: 0.1), whose state keeps it in hyperparams.learningRate',
    )
  })

  it('rejects out-of-range settings and unknown options', () => {
    expect(() => reduceOnPlateau({ factor: 2 })).toThrow('reduceOnPlateau: factor must be in (0, 1), got 2')
    expect(() => reduceOnPlateau({ patiense: 3 } as never)).toThrow("reduceOnPlateau: unknown option 'patiense'")
    expect(() => reduceOnPlateau({ initial: 0.1 } as never)).toThrow(
      "reduceOnPlateau: unknown option 'initial'; expected one of factor, patience, minDelta, cooldown, minRate",
    )
  })
})
