import { adam } from '@gradstream/optimizers'
import { tensor } from '@gradstream/tensor'
import { Subject, firstValueFrom, last } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fit } from '../fit'
import { linearProblem } from '../testing/linearProblem'
import { editQueue } from './editQueue'
import { injectLearningRate } from './runOptimizer'
import type { LearningRateState } from './learningRateState'
import type { StateEdit } from './stateEdit'
import type { AdamState } from '@gradstream/optimizers'

const { x, y, params, loss } = linearProblem()
const transformation = injectLearningRate(adam, 0.1)
const optimizer = () => transformation
const snapshot = await firstValueFrom(
  fit({ params, loss, optimizer: adam, learningRate: 0.1, data: { x, y }, steps: 2, batching: { batchSize: 4 } }).pipe(
    last(),
  ),
)
type Edit = StateEdit<typeof params, LearningRateState<AdamState>>

describe('editQueue', () => {
  it('applies every recipe queued since the last step in one produce, sharing what they left alone', () => {
    const control$ = new Subject<Edit>()
    const queue = editQueue(control$)
    expect(queue.applyTo(snapshot, optimizer)).toBe(snapshot)
    control$.next((draft) => {
      draft.optimizer.hyperparams.learningRate = 0.05
    })
    control$.next((draft) => {
      draft.optimizer.hyperparams.learningRate *= 2
    })
    const edited = queue.applyTo(snapshot, optimizer)
    expect(edited.optimizer.hyperparams).toEqual({ learningRate: 0.1 })
    expect(edited.optimizer.hyperparams).not.toBe(snapshot.optimizer.hyperparams)
    expect(edited.optimizer.inner).toBe(snapshot.optimizer.inner)
    expect(edited.params).toBe(snapshot.params)
    expect(Object.isFrozen(edited.optimizer)).toBe(true)
    expect(Object.isFrozen(edited.optimizer.hyperparams)).toBe(true)
    // The queue is empty again, and the snapshot the edit started from is as it was.
    expect(queue.applyTo(edited, optimizer)).toBe(edited)
    expect(snapshot.optimizer.hyperparams.learningRate).toBe(0.1)
    queue.close()
    expect(control$.observed).toBe(false)
  })

  it('freezes the parts a recipe put in, tensors included', () => {
    const control$ = new Subject<Edit>()
    const queue = editQueue(control$)
    const replacement = tensor([[1], [2]])
    control$.next((draft) => {
      draft.params = { w: replacement }
    })
    const edited = queue.applyTo(snapshot, optimizer)
    expect(edited.params.w).toBe(replacement)
    expect(Object.isFrozen(edited.params)).toBe(true)
    expect(Object.isFrozen(replacement)).toBe(true)
    expect(edited.optimizer).toBe(snapshot.optimizer)
  })

  it('leaves the state as it was when a recipe changes nothing', () => {
    const control$ = new Subject<Edit>()
    const queue = editQueue(control$)
    control$.next((draft) => {
      draft.optimizer.hyperparams.learningRate = 0.1
    })
    expect(queue.applyTo(snapshot, optimizer)).toBe(snapshot)
  })
})
