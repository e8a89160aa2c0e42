import { CheckpointError, ConfigError } from '@gradstream/core'
import { exponentialMovingAverage } from '@gradstream/ema'
import { adam, momentum } from '@gradstream/optimizers'
import type { AdamState } from '@gradstream/optimizers'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { firstValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { batches } from '../batches'
import { fit } from '../fit'
import { train } from '../train'
import { checkpointTextAt } from '../testing/checkpointTextAt'
import { editedCheckpoint, expectResumeRefused } from '../testing/checkpointEdits'
import { linearProblem } from '../testing/linearProblem'
import { checksum } from './checksum'
import { parseCheckpoint, serializeCheckpoint } from './format'
import type { CheckpointDocument } from './format'
import { resume } from './resume'
import type { LearningRateState } from '../control/learningRateState'

const { x, y, params, loss } = linearProblem()
const ema = exponentialMovingAverage({ decay: 0.9 })
const model = { params, optimizer: adam, learningRate: 0.01, ema }
const run = (steps: number, extra: { resumeFrom?: string; reset?: readonly ('optimizer' | 'ema')[] } = {}) =>
  fit({ ...model, loss, data: { x, y }, steps, batching: { batchSize: 4, order: 'shuffle', seed: 3 }, ...extra })

const checkpointAt = (step: number): Promise<string> => checkpointTextAt(run(step), step)
const text = await checkpointAt(4)

/** The stored state of this model's checkpoints, as JSON.parse gives it; edits put junk in with `as never`. */
interface StoredTensor {
  $tensor: { dtype: string; shape: number[]; data: string }
}
interface StoredState {
  params: { w: StoredTensor }
  optimizer: {
    count: number
    hyperparams: { learningRate: unknown }
    inner: [{ count: number; mu: { w: StoredTensor }; nu: { w: StoredTensor }; [key: string]: unknown }]
  }
  ema: { w: StoredTensor }
}

const edited = (edit: (state: StoredState) => void): string => editedCheckpoint(text, edit)
const refused = (checkpointText: string, message: string, run: object = model): void =>
  expectResumeRefused(checkpointText, message, run as typeof model)

describe('resume', () => {
  it('refuses a checkpoint without optimizer state, unless the run resets the optimizer', () => {
    const withoutOptimizer = edited((state) => Reflect.deleteProperty(state, 'optimizer'))
    refused(
      withoutOptimizer,
      "the checkpoint holds no optimizer state; pass reset: ['optimizer'] to start the optimizer afresh",
    )
    const state = resume<typeof params, LearningRateState<AdamState>>(withoutOptimizer, {
      ...model,
      reset: ['optimizer'],
    })
    expect(state.optimizer.inner[0].count).toBe(0)
    expect(state.optimizer.inner[0].mu).toEqual({ w: tensor([[0], [0]]) })
    expect(state.step).toBe(4)
  })

  it('refuses a checkpoint without a moving average for a run that keeps one, unless it resets it', () => {
    const withoutEma = edited((state) => Reflect.deleteProperty(state, 'ema'))
    refused(
      withoutEma,
      "the checkpoint holds no moving average (ema), but the run keeps one; pass reset: ['ema'] to start it afresh",
    )
    expect(resume(withoutEma, { ...model, reset: ['ema'] }).ema).toBeUndefined()
    const { ema: _, ...withoutAverage } = model
    refused(
      text,
      "the checkpoint holds a moving average (ema), but the run keeps none; pass reset: ['ema'] to drop it",
      withoutAverage,
    )
    expect(resume(text, { ...withoutAverage, reset: ['ema'] }).ema).toBeUndefined()
  })

  it('names a moment of the wrong shape or dtype', () => {
    refused(
      edited((state) => (state.optimizer.inner[0].mu.w.$tensor.shape = [3, 1] as never)),
      'optimizer.inner[0].mu.w has shape [3, 1], expected [2, 1]',
    )
    refused(
      edited((state) => (state.optimizer.inner[0].nu.w.$tensor.dtype = 'float64' as never)),
      'optimizer.inner[0].nu.w has dtype "float64", expected "float32"',
    )
    refused(
      edited((state) => (state.optimizer.inner[0].mu.w = 'garbage' as never)),
      'optimizer.inner[0].mu.w is a string, expected a float32 tensor of shape [2, 1]',
    )
    refused(
      edited((state) => (state.ema.w.$tensor.shape = [1, 2] as never)),
      'ema.w has shape [1, 2], expected [2, 1]',
    )
  })

  it('wants finite numbers, and counts that are non-negative integers', () => {
    refused(
      edited((state) => (state.optimizer.inner[0].beta1Power = 'garbage' as never)),
      'optimizer.inner[0].beta1Power must be a finite number, got "garbage"',
    )
    refused(
      edited((state) => (state.optimizer.inner[0].beta2Power = { $number: 'NaN' } as never)),
      'optimizer.inner[0].beta2Power must be a finite number, got NaN',
    )
    refused(
      edited((state) => (state.optimizer.inner[0].count = 2.5 as never)),
      'optimizer.inner[0].count must be a non-negative integer, got 2.5',
    )
    refused(
      edited((state) => (state.optimizer.inner[0].count = -1 as never)),
      'optimizer.inner[0].count must be a non-negative integer, got -1',
    )
    refused(
      edited((state) => (state.optimizer.hyperparams.learningRate = { $number: 'Infinity' })),
      'optimizer.hyperparams.learningRate must be a finite number, got Infinity',
    )
    refused(
      edited((state) => (state.optimizer.count = -2 as never)),
      'optimizer.count must be a non-negative integer, got -2',
    )
  })

  it("lets the run's optimizer refuse values of the right kind but out of its range", () => {
    refused(
      edited((state) => (state.optimizer.inner[0].beta1Power = 1 as never)),
      "the run's optimizer refuses the stored state: adam: state.beta1Power must be in [0, 1), got 1; pass the state init returned",
    )
  })

  it("refuses another optimizer's state", () => {
    refused(text, 'optimizer.inner[0].trace is missing', { ...model, optimizer: (lr: number) => momentum(lr, 0.9) })
  })

  it('refuses a part the run does not build, however large, without decoding it', () => {
    // The junk goes in as text, after the edit: the checksum stays the one of the state without it, since resume
    // must refuse the junk before it reads the checksum (which walks all of the text). Recomputing it here, or
    // stringifying the junk, took most of this test's time and made it slow under load.
    const junk = 'x'.repeat(50 * 2 ** 20)
    const withJunk = edited((state) => (state.optimizer.inner[0].junk = 'JUNK' as never)).replace('"JUNK"', `"${junk}"`)
    expect(withJunk.length).toBeGreaterThan(junk.length)
    refused(withJunk, "optimizer.inner[0].junk is not in the run's optimizer")
    refused(
      edited((state) => (state.optimizer.inner = ['junk'] as never)),
      'optimizer.inner[0] is a string, expected an object',
    )
    expect(() => resume(`{"format":${junk}`, model)).toThrow('resume: the checkpoint is not valid JSON')
  })

  it('refuses malformed shapes, also when reading a checkpoint without its run', () => {
    refused(
      edited((state) => (state.params.w.$tensor.shape = [-1, -2] as never)),
      'params.w has a malformed shape [-1, -2], expected [2, 1]',
    )
    refused(
      edited((state) => (state.params.w.$tensor.shape = 'big' as never)),
      'params.w has a malformed shape ("big"), expected [2, 1]',
    )
    const negative = edited((state) => (state.params.w.$tensor.shape = [-1, -2] as never))
    expect(() => parseCheckpoint(negative)).toThrow(CheckpointError)
    expect(() => parseCheckpoint(negative)).toThrow(/^parseCheckpoint: params holds a malformed value: /)
  })

  it("names the function reading the checkpoint in the decoder's messages", () => {
    const short = edited((state) => (state.params.w.$tensor.data = btoa('abc')))
    const message = 'params.w has 3 bytes of data, its shape [2, 1] needs 8'
    expect(() => parseCheckpoint(short)).toThrow(new CheckpointError('parseCheckpoint', message))
    expect(() => resume(short, model)).toThrow(new CheckpointError('resume', message))
    const notBase64 = edited((state) => (state.params.w.$tensor.data = '!!'))
    expect(() => parseCheckpoint(notBase64)).toThrow(
      new CheckpointError('parseCheckpoint', 'params.w holds data that is not base64'),
    )
  })

  it('refuses state nested deeper than a tree may, before anything recurses over it', () => {
    // Written out as text: stringify itself would overflow the stack on this depth.
    const depth = 100_000
    const placeholder = edited((state) => (state.optimizer = 'deep' as never))
    const stateText = JSON.stringify((JSON.parse(placeholder) as CheckpointDocument).state).replace(
      '"deep"',
      `${'['.repeat(depth)}0${']'.repeat(depth)}`,
    )
    const nested = `{"format":"gradstream-checkpoint","version":1,"checksum":"${checksum(stateText)}","state":${stateText}}`
    const message = 'optimizer[0][0][0][0][0][0]… nests deeper than 1000 levels; a tree may nest at most 1000'
    refused(nested, message)
    expect(() => parseCheckpoint(nested)).toThrow(new CheckpointError('parseCheckpoint', message))
  })

  it('refuses to store a cyclic state', () => {
    const cyclic: Record<string, unknown> = { count: 1 }
    cyclic.self = cyclic
    expect(() => serializeCheckpoint({ step: 1, params, optimizer: cyclic })).toThrow(
      new CheckpointError('serializeCheckpoint', 'optimizer.self refers back to optimizer; a tree may not hold cycles'),
    )
  })

  it('validates its options', () => {
    expect(() => resume(text, { ...model, reset: ['params' as never] })).toThrow(
      new ConfigError('resume', `reset[0] must be one of 'optimizer', 'ema', 'modelState', got "params"`),
    )
    expect(() => resume(text, { ...model, resets: ['ema'] } as never)).toThrow(
      new ConfigError(
        'resume',
        "unknown option 'resets'; expected one of params, optimizer, learningRate, ema, modelState, seed, reset",
      ),
    )
    expect(() => resume(text, { ...model, optimizer: undefined } as never)).toThrow(
      new ConfigError(
        'resume',
        'optimizer must be a GradientTransformation or a function of the learning rate, got undefined',
      ),
    )
  })
})

describe('fit with resumeFrom', () => {
  it('continues a run with a moving average bit for bit', async () => {
    const full = await firstValueFrom(run(10).pipe(toArray()))
    const resumed = await firstValueFrom(run(10, { resumeFrom: text }).pipe(toArray()))
    resumed.forEach((s, i) => expect(serializeCheckpoint(s)).toBe(serializeCheckpoint(full[4 + i]!)))
  })

  it('starts the parts named in reset afresh: Adam from count 0, the average at the resumed parameters', async () => {
    const [first] = await firstValueFrom(run(5, { resumeFrom: text, reset: ['optimizer', 'ema'] }).pipe(toArray()))
    const stored = resume<{ w: Tensor }, LearningRateState<AdamState>>(text, model)
    expect(first!.optimizer.count).toBe(1)
    expect(first!.optimizer.inner[0].count).toBe(1)
    const expectedAverage = ema.update(ema.init(stored.params), first!.params, 5).average
    expect(first!.ema!.w.toArray()).toEqual(expectedAverage.w.toArray())
  })

  it('refuses reset without resumeFrom', () => {
    expect(() => run(5, { reset: ['optimizer'] })).toThrow(
      new ConfigError('fit', 'reset applies to a resumed run: pass resumeFrom too'),
    )
  })
})

type Key = string | number

/** The path of every node below the root of a parsed JSON value. */
function nodePaths(value: unknown, path: readonly Key[] = []): Key[][] {
  const children: [Key, unknown][] = Array.isArray(value)
    ? value.map((child, i): [Key, unknown] => [i, child])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : []
  return children.flatMap(([key, child]) => [[...path, key], ...nodePaths(child, [...path, key])])
}

function replacedAt(state: StoredState, path: readonly Key[], value: unknown): void {
  let node = state as unknown as Record<Key, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>
  node[path.at(-1)!] = value
}

describe('resume, with any node of a checkpoint replaced by any JSON value', () => {
  const paths = nodePaths((JSON.parse(text) as { state: unknown }).state)

  it('refuses it with a CheckpointError, or resumes a state that trains', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, value) => {
        const changed = edited((state) => replacedAt(state, path, value))
        let state: ReturnType<typeof resume<typeof params, LearningRateState<AdamState>>>
        try {
          state = resume<typeof params, LearningRateState<AdamState>>(changed, model)
        } catch (error) {
          expect(error).toBeInstanceOf(CheckpointError)
          return
        }
        const step$ = batches(x, y, { batchSize: 4, steps: 1 }).pipe(train({ ...model, loss, initial: state }))
        let failure: unknown
        step$.subscribe({ error: (error: unknown) => (failure = error) })
        expect(failure).toBeUndefined()
      }),
      { numRuns: 300, seed: 12 },
    )
  })

  it('refuses any text that is not a checkpoint with a CheckpointError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (junk) => {
        expect(() => resume(junk, model)).toThrow(CheckpointError)
      }),
      { seed: 13 },
    )
  })
})
