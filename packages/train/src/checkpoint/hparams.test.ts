import { ConfigError } from '@gradstream/core'
import { lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { CheckpointError } from '../errors'
import { checkpoint } from '../operators/checkpoint'
import { linearAdamRun } from '../testing/linearAdamRun'
import { linearProblem } from '../testing/linearProblem'
import { checkpointHParams, parseCheckpoint, serializeCheckpoint } from './format'

const { params } = linearProblem()
const hparams = { optimizer: { name: 'adam', learningRate: 0.01 }, batchSize: 4, seed: 3, shuffle: true }
const run = (steps: number) => linearAdamRun(steps)

describe('hyper-parameters in checkpoints', () => {
  it('are written beside the state and read back, and the state still parses as before', async () => {
    const written: string[] = []
    const snapshots = await lastValueFrom(
      run(6).pipe(
        checkpoint((text) => void written.push(text), { everySteps: 3, hparams }),
        toArray(),
      ),
    )
    expect(written).toHaveLength(2)
    for (const text of written) expect(checkpointHParams(text)).toEqual(hparams)
    const last = snapshots.at(-1)!
    const restored = parseCheckpoint<typeof params, unknown>(written[1]!)
    expect(restored.step).toBe(6)
    expect(restored.params.w.toArray()).toEqual(last.params.w.toArray())
    expect(serializeCheckpoint(last, { hparams })).toBe(written[1])
  })

  it('are absent from a checkpoint written without them', async () => {
    const [last] = await lastValueFrom(run(1).pipe(toArray()))
    const text = serializeCheckpoint(last!)
    expect(JSON.parse(text)).not.toHaveProperty('hparams')
    expect(checkpointHParams(text)).toBeUndefined()
  })

  it('refuses bad hyper-parameters and unknown options when the writer is made', () => {
    const write = () => undefined
    expect(() => checkpoint(write, { everySteps: 1, hparams: { lr: NaN } })).toThrow(
      new ConfigError('checkpoint', 'hparams.lr must be a finite number, got NaN'),
    )
    expect(() => checkpoint(write, { everySteps: 1, hparams: { sizes: [1, 2] } as never })).toThrow(
      'checkpoint: hparams.sizes must be a string, a finite number, a boolean or an object of them, got an array',
    )
    expect(() => serializeCheckpoint({ step: 0, params, optimizer: undefined }, { meta: {} } as never)).toThrow(
      new ConfigError('serializeCheckpoint', "unknown option 'meta'; expected one of hparams"),
    )
  })

  it('refuses a checkpoint whose recorded hyper-parameters are malformed, and text that is no checkpoint', async () => {
    const [last] = await lastValueFrom(run(1).pipe(toArray()))
    const text = serializeCheckpoint(last!, { hparams: { batchSize: 4 } })
    const tampered = JSON.stringify({ ...JSON.parse(text), hparams: { batchSize: [4] } })
    expect(() => checkpointHParams(tampered)).toThrow(
      new CheckpointError('checkpointHParams', 'the checkpoint holds malformed hparams'),
    )
    expect(() => checkpointHParams('{"format":"other"}')).toThrow(CheckpointError)
  })
})
