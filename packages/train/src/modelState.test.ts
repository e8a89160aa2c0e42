import { valueAndGrad } from '@gradstream/autodiff'
import { StructureError } from '@gradstream/core'
import { adam, applyUpdates } from '@gradstream/optimizers'
import { foldIn, ones, randomKey, slice } from '@gradstream/tensor'
import type { RandomKey, Tensor } from '@gradstream/tensor'
import { meanSquaredError } from '@gradstream/losses'
import { firstValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { batches } from './batches'
import { serializeCheckpoint } from './checkpoint/format'
import { TrainStepError } from './errors'
import { statefulProblem } from './testing/statefulProblem'
import { train } from './train'
import type { Batch } from './batch'
import type { LossOutput, LossResult, StepContext } from './trainOptions'

const { x, y, params, modelState, loss } = statefulProblem()
type State = typeof modelState
const data$ = batches(x, y, { batchSize: 4 })
type Aux = { readonly predictions: Tensor }
/** A loss of this model; the tests' variants may leave out the state or the aux, or return something else. */
type Loss = (p: typeof params, batch: Batch, context: StepContext<State>) => LossOutput | LossResult<State, Aux>
const run = { params, modelState, seed: 7, loss: loss as Loss, optimizer: adam, learningRate: 0.01 }

/** The first `steps` snapshots of `train` over `data$` with `run` changed as given. */
const trainFor = (steps: number, changes: Partial<typeof run> = {}) =>
  firstValueFrom(batches(x, y, { batchSize: 4, steps }).pipe(train({ ...run, ...changes }), toArray()))

describe('train with modelState and seed', () => {
  it("gives the loss the model state and the step's key foldIn(runKey, step), and carries the state it returns", async () => {
    const seen: StepContext<State>[] = []
    const recording: Loss = (p, batch, context) => {
      seen.push(context)
      return loss(p, batch, context)
    }
    const snapshots = await trainFor(3, { loss: recording })
    expect(seen.map((c) => c.key)).toEqual([1, 2, 3].map((step) => foldIn(randomKey(7), step)))
    expect(seen.map((c) => c.training)).toEqual([true, true, true])
    expect(seen[0]!.state).toBe(modelState)
    expect(seen[1]!.state).toBe(snapshots[0]!.modelState)
    expect(seen[2]!.state).toBe(snapshots[1]!.modelState)
    expect(snapshots.map((s) => s.runKey)).toEqual([randomKey(7), randomKey(7), randomKey(7)])
    // Batch norm moved its statistics towards the batch's: 0.01 of the way, from zeros.
    expect(snapshots[0]!.modelState!.norm.movingMean.toFlatArray().some((v) => v !== 0)).toBe(true)
    expect(Object.isFrozen(snapshots[0]!.modelState!.norm)).toBe(true)
    expect(Object.isFrozen(snapshots[0]!.aux)).toBe(true)
  })

  it('equals a plain loop of valueAndGrad with hasAux, update and applyUpdates, bit for bit, with one forward pass a step', async () => {
    let forwardPasses = 0
    const counting: Loss = (p, batch, context) => {
      forwardPasses++
      return loss(p, batch, context)
    }
    const snapshots = await trainFor(4, { loss: counting })
    expect(forwardPasses).toBe(4)
    const optimizer = adam(0.01)
    let p = params
    let state = modelState
    let optimizerState = optimizer.init(p)
    for (let step = 1; step <= 4; step++) {
      const start = ((step - 1) * 4) % 16
      const batch = { x: slice(x, [start, 0], [4, 2]), y: slice(y, [start, 0], [4, 1]) }
      const context = { state, key: foldIn(randomKey(7), step), training: true } as const
      const { value, grads, aux } = valueAndGrad(
        (q: typeof params) => {
          const result = loss(q, batch, context)
          return [result.loss, result] as const
        },
        { hasAux: true },
      )(p)
      const update = optimizer.update(grads, optimizerState, p)
      optimizerState = update.state
      p = applyUpdates(p, update.updates) as typeof params
      state = aux.state
      const s = snapshots[step - 1]!
      expect(s.loss).toBe(value.item())
      expect(serializeCheckpoint(s)).toBe(
        serializeCheckpoint({
          step,
          params: p,
          // adam given as a function of the rate: its state inside injectHyperparams's, with the rate
          optimizer: { count: step, hyperparams: { learningRate: 0.01 }, inner: optimizerState },
          modelState: state,
          runKey: randomKey(7),
        }),
      )
      expect(s.aux!.predictions.toArray()).toEqual(aux.aux.predictions.toArray())
    }
  })

  it('keeps the very state object when the loss leaves state out', async () => {
    const stateless: Loss = (p, batch, context) => ({ loss: loss(p, batch, context).loss })
    const snapshots = await trainFor(2, { loss: stateless })
    expect(snapshots[0]!.modelState).toBe(modelState)
    expect(snapshots[1]!.modelState).toBe(modelState)
    expect(snapshots[0]!.aux).toBeUndefined()
  })

  it('gives the loss an undefined key without a seed and an undefined state without modelState', async () => {
    const seen: StepContext<unknown>[] = []
    const { seed: _, modelState: __, ...plain } = run
    const mse = (p: typeof params, batch: { x: Tensor; y: Tensor }, context: StepContext<undefined>) => {
      seen.push(context)
      return loss(p, batch, { state: modelState, key: randomKey(0), training: true }).loss
    }
    const s = await firstValueFrom(data$.pipe(train({ ...plain, loss: mse })))
    expect(seen).toEqual([{ state: undefined, key: undefined, training: true }])
    expect(s.runKey).toBeUndefined()
    expect(s.modelState).toBeUndefined()
  })
})

/** The error a run of one step ends with. */
async function failure(run$: ReturnType<typeof trainFor>): Promise<TrainStepError> {
  const error: unknown = await run$.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TrainStepError)
  return error as TrainStepError
}

describe('train refuses a model state the loss changes the form of', () => {
  it('names the leaf whose shape changed, as a StructureError', async () => {
    const reshaped: Loss = (p, batch, context) => {
      const result = loss(p, batch, context)
      const norm = { ...result.state.norm, movingMean: ones([3]) }
      return { ...result, state: { ...result.state, norm } }
    }
    const error = await failure(trainFor(1, { loss: reshaped }))
    expect(error.cause).toBeInstanceOf(StructureError)
    expect((error.cause as Error).message).toBe(
      'train: state.norm.movingMean has shape [4] but returned state.norm.movingMean has shape [3]',
    )
    expect(error.step).toBe(1)
  })

  it('names a layer missing from the returned state', async () => {
    const dropped: Loss = (p, batch, context) => {
      const { norm } = loss(p, batch, context).state
      return { loss: loss(p, batch, context).loss, state: { norm } as unknown as State }
    }
    const error = await failure(trainFor(1, { loss: dropped }))
    expect(error.cause).toBeInstanceOf(StructureError)
    expect((error.cause as Error).message).toBe('train: state.drop is an object but returned state.drop is missing')
  })

  it('refuses named terms from a run with modelState, which returns { loss, state, aux }', async () => {
    const terms: Loss = (p, batch, context) => ({ mse: loss(p, batch, context).loss })
    const error = await failure(trainFor(1, { loss: terms }))
    expect(error.cause).toBeInstanceOf(StructureError)
    expect(error.message).toBe(
      'train: step 1 failed: train: with modelState, the loss function must return a tensor or { loss, state, aux }, got an object with keys mse',
    )
  })

  it('refuses a modelState that is not a pytree and a seed that is not an integer, when called', () => {
    expect(() => train({ ...run, modelState: { norm: 3 } as never })).toThrow(StructureError)
    expect(() => train({ ...run, seed: 0.5 })).toThrow('train: seed must be an integer, got 0.5')
    const key: RandomKey = randomKey(7)
    expect(() => train({ ...run, seed: key as never })).toThrow('train: seed must be an integer, got an array')
  })
})

describe('train with an empty modelState', () => {
  it('lets a model without state report aux from its one forward pass', async () => {
    const [s] = await trainFor(1, {
      modelState: {} as State,
      loss: (p, batch, context) => {
        const { output } = statefulProblem().model.apply(p, batch.x, { ...context, state: modelState })
        return { loss: meanSquaredError(batch.y, output), aux: { predictions: output } }
      },
    })
    expect(s!.modelState).toEqual({})
    expect(s!.aux!.predictions.shape).toEqual([4, 1])
  })
})
