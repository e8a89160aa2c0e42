import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { meanSquaredError, sparseSoftmaxCrossEntropy } from '@gradstream/losses'
import { accuracyMetric, meanAbsoluteErrorMetric } from '@gradstream/metrics'
import { adam } from '@gradstream/optimizers'
import { isTracing, matMul, ones, reshape, tensor, withTracer } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { firstValueFrom, of, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { serializeCheckpoint } from '../checkpoint/format'
import { fit } from '../fit'
import type { Snapshot } from '../snapshot'
import { linearProblem } from '../testing/linearProblem'
import { statefulProblem } from '../testing/statefulProblem'
import { checkpoint } from './checkpoint'
import { evaluate } from './evaluate'
import type { EvaluationContext } from './evaluate'
import { EvaluationError } from './evaluationError'

const collect = <T>(source: Observable<T>) => firstValueFrom(source.pipe(toArray()))

// Training data: the tests' linear problem (16 rows, 4 steps an epoch); validation: 10 other rows.
const { x, y, params, loss } = linearProblem()
const validRows = Array.from({ length: 10 }, (_, i) => [((i * 3) % 10) / 10 - 0.4, ((i * 7) % 10) / 10 - 0.5])
const validX = tensor(validRows)
const validY = tensor(validRows.map(([a, b]) => [a! + 2 * b! + 0.1 * Math.sin(a! * 10)]))
const predict = (p: { readonly w: Tensor }, batch: Tensor) => matMul(batch, p.w)
const run = (epochs = 2) =>
  fit({ params, loss, optimizer: adam, learningRate: 0.05, data: { x, y }, epochs, batching: { batchSize: 4 } })

/** Mean squared and mean absolute error of x·w against y, in float64 from the float32 values. */
function reference(w: Tensor, rows: readonly (readonly number[])[], labels: Tensor) {
  const [w0, w1] = w.toFlatArray()
  const targets = labels.toFlatArray()
  let squared = 0
  let absolute = 0
  rows.forEach(([a, b], i) => {
    const error = a! * w0! + b! * w1! - targets[i]!
    squared += error * error
    absolute += Math.abs(error)
  })
  return { loss: squared / rows.length, mae: absolute / rows.length }
}

// float32 data and products: each prediction is off by a few ulps (2⁻²⁴ relative) of its terms, the
// squared errors and the per-batch float32 mean add a few more; 1e-6 relative is ~16 ulps.
const RELATIVE = 1e-6

describe('evaluate', () => {
  it('merges the loss and metrics of the whole validation set into the epoch-end snapshots, equal to a float64 reference', async () => {
    const snapshots = await collect(
      run().pipe(
        evaluate({
          data: { x: validX, y: validY },
          predict,
          loss: meanSquaredError,
          metrics: { mae: meanAbsoluteErrorMetric() },
          batchSize: 3,
        }),
      ),
    )
    const evaluated = snapshots.filter((s) => s.eval !== undefined)
    expect(evaluated.map((s) => s.step)).toEqual([4, 8])
    expect(snapshots.filter((s) => !s.epochEnd).every((s) => !('eval' in s))).toBe(true)
    for (const s of evaluated) {
      const expected = reference(s.params.w, validRows, validY)
      expect(Object.keys(s.eval!)).toEqual(['loss', 'mae'])
      expect(Math.abs(s.eval!.loss! - expected.loss)).toBeLessThan(RELATIVE * expected.loss)
      expect(Math.abs(s.eval!.mae! - expected.mae)).toBeLessThan(RELATIVE * expected.mae)
    }
  })

  it('gives the same results for any batch size: metrics exactly, the loss up to float32 rounding of the batch means', async () => {
    const classes = tensor([0, 1, 2, 1, 0, 2, 1], undefined, 'int32')
    const features = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, 0.7],
      [2, -1],
      [-1, 2],
      [0, 0.2],
    ])
    const weights = {
      w: tensor([
        [1, -1, 0.5],
        [-0.5, 1, 0.25],
      ]),
    }
    const snapshot = frozenSnapshot({ step: 3, params: weights })
    const results = [1, 2, 3, 7, 300].map(async (batchSize) => {
      const [out] = await collect(
        of(snapshot).pipe(
          evaluate({
            data: { x: features, y: classes },
            predict: (p: typeof weights, rows: Tensor) => matMul(rows, p.w),
            loss: sparseSoftmaxCrossEntropy,
            metrics: { accuracy: accuracyMetric() },
            every: 1,
            batchSize,
          }),
        ),
      )
      return out!.eval!
    })
    const [whole, ...others] = await Promise.all(results.reverse())
    for (const other of others) {
      expect(other.accuracy).toBe(whole!.accuracy)
      expect(Math.abs(other.loss! - whole!.loss!)).toBeLessThan(RELATIVE * whole!.loss!)
    }
    expect(whole!.accuracy).toBe(5 / 7) // rows 3 and 5 predicted wrong
  })

  it('evaluates every n steps when every is a number, across epochs', async () => {
    const snapshots = await collect(
      run(3).pipe(evaluate({ data: { x: validX, y: validY }, predict, loss: meanSquaredError, every: 5 })),
    )
    expect(snapshots.filter((s) => s.eval !== undefined).map((s) => s.step)).toEqual([5, 10])
    expect(snapshots.filter((s) => s.epochEnd).map((s) => s.step)).toEqual([4, 8, 12])
  })

  it('leaves the training numbers unchanged', async () => {
    const plain = await collect(run())
    const evaluated = await collect(
      run().pipe(evaluate({ data: { x: validX, y: validY }, predict, loss: meanSquaredError, every: 1 })),
    )
    expect(evaluated.map((s) => s.loss)).toEqual(plain.map((s) => s.loss))
    expect(evaluated.map((s) => serializeCheckpoint(s))).toEqual(plain.map((s) => serializeCheckpoint(s)))
  })

  it('leaves checkpoints of evaluated snapshots as they were: eval is a report, not state to resume', async () => {
    const written: string[] = []
    const snapshots = await collect(
      run().pipe(
        evaluate({ data: { x: validX, y: validY }, predict, loss: meanSquaredError }),
        checkpoint((text) => void written.push(text), { everySteps: 4 }),
      ),
    )
    const ends = snapshots.filter((s) => s.eval !== undefined)
    expect(written).toEqual(ends.map((s) => serializeCheckpoint(s)))
    const { eval: _, ...withoutEval } = ends[0]!
    expect(written[0]).toBe(serializeCheckpoint(withoutEval))
  })

  it('emits a new frozen snapshot sharing every other part, and passes the others as they are', async () => {
    const first = frozenSnapshot({ step: 1, params })
    const second = frozenSnapshot({ step: 2, params })
    const [a, b] = await collect(
      of(first, second).pipe(evaluate({ data: { x: validX, y: validY }, predict, loss: meanSquaredError, every: 2 })),
    )
    expect(a).toBe(first)
    expect(b).not.toBe(second)
    expect(Object.isFrozen(b)).toBe(true)
    expect(Object.isFrozen(b!.eval)).toBe(true)
    for (const key of Object.keys(second) as (keyof typeof second)[]) expect(b![key]).toBe(second[key])
    expect(Object.keys(b!)).toEqual([...Object.keys(second), 'eval'])
    expect('eval' in second).toBe(false)
  })

  it("runs the model in inference mode: batch norm's moving statistics, no dropout, no key, the snapshot's state", async () => {
    const problem = statefulProblem()
    const contexts: EvaluationContext<typeof problem.modelState>[] = []
    const snapshots = await collect(
      fit({
        params: problem.params,
        loss: problem.loss,
        modelState: problem.modelState,
        seed: 3,
        optimizer: adam,
        learningRate: 0.01,
        data: { x: problem.x, y: problem.y },
        epochs: 2,
        batching: { batchSize: 8 },
      }).pipe(
        evaluate({
          data: { x: validX, y: validY },
          predict: (p, rows, context) => {
            contexts.push(context)
            return problem.model.apply(p, rows, context).output
          },
          loss: meanSquaredError,
          batchSize: 4,
        }),
      ),
    )
    const evaluated = snapshots.filter((s) => s.eval !== undefined)
    expect(evaluated.map((s) => s.step)).toEqual([2, 4])
    expect(contexts).toHaveLength(6) // three batches an evaluation
    expect(contexts[0]).toEqual({ state: evaluated[0]!.modelState, key: undefined, training: false })
    expect(contexts[0]!.state).toBe(evaluated[0]!.modelState)
    expect(contexts[3]!.state).toBe(evaluated[1]!.modelState)
    for (const s of evaluated) {
      const expected = handAppliedLoss(s.params, s.modelState!, validRows, validY.toFlatArray())
      expect(Math.abs(s.eval!.loss! - expected)).toBeLessThan(1e-5 * expected)
    }
  })

  it('runs unseen by any active gradient tape', async () => {
    let recorded = 0
    let tracingInPredict: boolean | undefined
    const snapshot = frozenSnapshot({ step: 1, params })
    // Outside a pipe, the snapshot type is given: inside one, it comes from the stream.
    const operator = evaluate<Snapshot<typeof params>>({
      data: { x: validX, y: validY },
      predict: (p, rows) => {
        tracingInPredict = isTracing()
        return predict(p, rows)
      },
      loss: meanSquaredError,
      every: 1,
    })
    withTracer({ record: () => recorded++ }, () => of(snapshot).pipe(operator).subscribe())
    expect(tracingInPredict).toBe(false)
    expect(recorded).toBe(0)
  })

  it('reports only the metrics when no loss is given', async () => {
    const [out] = await collect(
      of(frozenSnapshot({ step: 1, params })).pipe(
        evaluate({ data: { x: validX, y: validY }, predict, metrics: { mae: meanAbsoluteErrorMetric() }, every: 1 }),
      ),
    )
    expect(Object.keys(out!.eval!)).toEqual(['mae'])
  })
})

describe('evaluate errors', () => {
  const data = { x: validX, y: validY }
  const evaluateLinear = evaluate<Snapshot<{ readonly w: Tensor }>>
  const evaluateOnce = (operator: ReturnType<typeof evaluateLinear>, step = 6) =>
    collect(of(frozenSnapshot({ step, params })).pipe(operator))

  it('refuses unknown options, bad batch sizes and bad schedules', () => {
    // @ts-expect-error: not an option
    expect(() => evaluateLinear({ data, predict, batchsize: 4 })).toThrow(
      new ConfigError(
        'evaluate',
        "unknown option 'batchsize'; expected one of data, predict, loss, metrics, batchSize, every",
      ),
    )
    expect(() => evaluateLinear({ data, predict, batchSize: 0 })).toThrow(
      new ConfigError('evaluate', 'batchSize must be an integer >= 1, got 0'),
    )
    expect(() => evaluateLinear({ data, predict, every: 2.5 })).toThrow(
      new ConfigError('evaluate', 'every must be an integer >= 1, got 2.5'),
    )
    // @ts-expect-error: 'epoch', not 'epochs'
    expect(() => evaluateLinear({ data, predict, every: 'epochs' })).toThrow(
      new ConfigError('evaluate', `every must be 'epoch' or an integer >= 1 (a number of steps), got "epochs"`),
    )
    // @ts-expect-error: the options are required
    expect(() => evaluate()).toThrow(new ConfigError('evaluate', 'options must be an object, got undefined'))
  })

  it('refuses data that is not { x, y } tensors with the same rows, and functions that are not functions', () => {
    // @ts-expect-error: data must be { x, y }
    expect(() => evaluateLinear({ data: [validX, validY], predict })).toThrow(
      new ConfigError('evaluate', 'data must be { x, y } tensors, got an array'),
    )
    // @ts-expect-error: x must be a Tensor
    expect(() => evaluateLinear({ data: { x: validRows, y: validY }, predict })).toThrow(DTypeError)
    expect(() => evaluateLinear({ data: { x: validX, y: ones([9, 1]) }, predict })).toThrow(
      new ShapeError(
        'evaluate',
        'data.x and data.y need the same number of rows (first dimension): x is [10, 2], y is [9, 1]',
      ),
    )
    expect(() => evaluateLinear({ data: { x: ones([0, 2]), y: ones([0, 1]) }, predict })).toThrow(
      new ShapeError('evaluate', 'the validation set has no rows'),
    )
    // @ts-expect-error: predict must be a function
    expect(() => evaluateLinear({ data, predict: 'model' })).toThrow(
      new ConfigError('evaluate', 'predict must be a function, got "model"'),
    )
    // @ts-expect-error: loss must be a function
    expect(() => evaluateLinear({ data, predict, loss: 0 })).toThrow(
      new ConfigError('evaluate', 'loss must be a function, got 0'),
    )
  })

  it('refuses metrics that are not metrics, and a metric named loss beside a loss', () => {
    // @ts-expect-error: a metric is an accumulator, not a function
    expect(() => evaluateLinear({ data, predict, metrics: { accuracy: (a: Tensor) => a } })).toThrow(
      new ConfigError('evaluate', 'metrics.accuracy must be a metric { init, update, merge, result }, got a function'),
    )
    // @ts-expect-error: a record, not an array
    expect(() => evaluateLinear({ data, predict, metrics: [accuracyMetric()] })).toThrow(
      'evaluate: metrics must be a record of metrics { init, update, merge, result }, got an array',
    )
    expect(() =>
      evaluateLinear({ data, predict, loss: meanSquaredError, metrics: { loss: meanAbsoluteErrorMetric() } }),
    ).toThrow(new ConfigError('evaluate', 'metrics.loss would hide the loss in eval; give the metric another name'))
  })

  it('errors the stream with a ShapeError naming the step when predict returns the wrong rows', async () => {
    const wrong = evaluateLinear({ data, predict: () => ones([3, 1]), batchSize: 4, every: 2 })
    await expect(evaluateOnce(wrong)).rejects.toThrow(
      new ShapeError(
        'evaluate',
        "predict returned [3, 1] at step 6, for rows 0 to 3 of the validation set; its first dimension must be the batch's 4 rows",
      ),
    )
    // @ts-expect-error: predict must return a Tensor
    const notTensor = evaluateLinear({ data, predict: () => [1, 2], every: 2 })
    await expect(evaluateOnce(notTensor)).rejects.toThrow(
      new DTypeError(
        'evaluate',
        'predict must return a Tensor, got an array at step 6, for rows 0 to 9 of the validation set',
      ),
    )
  })

  it('errors the stream with an EvaluationError naming the step for a non-finite loss or a throwing predict', async () => {
    const nan = evaluateLinear({
      data,
      predict: (p: typeof params, rows: Tensor) => matMul(rows, p.w),
      loss: () => tensor(NaN),
      batchSize: 8,
      every: 3,
    })
    const error = await evaluateOnce(nan).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EvaluationError)
    expect((error as EvaluationError).step).toBe(6)
    expect((error as Error).message).toBe('evaluate: step 6: the loss of rows 0 to 7 is NaN, not a finite number')
    const throwing = evaluateLinear({
      data,
      predict: () => {
        throw new RangeError('no model')
      },
      every: 1,
    })
    const thrown = await evaluateOnce(throwing).catch((e: unknown) => e)
    expect((thrown as Error).message).toBe('evaluate: step 6: predict threw: no model')
    expect((thrown as EvaluationError).cause).toBeInstanceOf(RangeError)
    const vector = evaluateLinear({
      data,
      predict,
      loss: (_labels, predictions) => reshape(predictions, [-1]),
      every: 1,
    })
    await expect(evaluateOnce(vector)).rejects.toThrow(
      "evaluate: loss must return a scalar (the batch's mean loss), got [10] at step 6, for rows 0 to 9",
    )
  })

  it("errors the stream when every is 'epoch' but the snapshots have no epochs", async () => {
    const perEpoch = evaluateLinear({ data, predict })
    await expect(evaluateOnce(perEpoch)).rejects.toThrow(
      new ConfigError(
        'evaluate',
        "every 'epoch' needs snapshots that say where an epoch ends (fit with { x, y } data), but step 6 has no epochEnd; evaluate every n steps instead (every: n)",
      ),
    )
  })
})

/** A frozen snapshot of the linear problem at `step`, as `train` would emit. */
function frozenSnapshot<P extends { readonly w: Tensor }>({
  step,
  params: p,
}: {
  step: number
  params: P
}): Snapshot<P> {
  return Object.freeze({
    step,
    params: p,
    optimizer: Object.freeze({}),
    loss: 1,
    losses: Object.freeze({ loss: 1 }),
    learningRate: 0.1,
  })
}

type StatefulParams = ReturnType<typeof statefulProblem>['params']
type StatefulState = ReturnType<typeof statefulProblem>['modelState']

/** dense → relu → batch norm with the moving statistics → (no dropout) → dense, and its MSE, in float64. */
function handAppliedLoss(
  p: StatefulParams,
  state: StatefulState,
  rows: readonly (readonly number[])[],
  targets: readonly number[],
): number {
  const matrix = (t: Tensor) => t.toArray() as number[][]
  const vector = (t: Tensor) => t.toFlatArray()
  const [hiddenW, hiddenB] = [matrix(p.hidden.w), vector(p.hidden.b)]
  const [gamma, beta] = [vector(p.norm.gamma), vector(p.norm.beta)]
  const [mean, variance] = [vector(state.norm.movingMean), vector(state.norm.movingVariance)]
  const [outW, outB] = [matrix(p.out.w), vector(p.out.b)]
  let squared = 0
  rows.forEach((row, r) => {
    const hidden = hiddenB.map((b, j) =>
      Math.max(
        0,
        row.reduce((sum, v, i) => sum + v * hiddenW[i]![j]!, b),
      ),
    )
    const normed = hidden.map((h, j) => ((h - mean[j]!) / Math.sqrt(variance[j]! + 1e-3)) * gamma[j]! + beta[j]!)
    const output = normed.reduce((sum, v, j) => sum + v * outW[j]![0]!, outB[0]!)
    squared += (output - targets[r]!) ** 2
  })
  return squared / rows.length
}
