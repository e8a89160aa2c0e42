import { ConfigError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it, vi } from 'vitest'
import { formatEval, formatStep, logSteps } from './logSteps'
import { pyFormat } from './pyFormat'
import { pyPrint } from './pyPrint'

const steps = [1, 2, 3].map((step) => ({ step, loss: 1 / step }))

describe('logSteps', () => {
  it('writes one formatted text per snapshot and passes every snapshot on', async () => {
    const lines: string[] = []
    const output = { write: (text: string) => lines.push(text) }
    const passed = await firstValueFrom(
      from(steps).pipe(
        logSteps((s) => pyFormat('After %d steps, loss: %f', s.step, s.loss), { output }),
        toArray(),
      ),
    )
    expect(passed).toEqual(steps)
    expect(lines).toEqual([
      'After 1 steps, loss: 1.000000\n',
      'After 2 steps, loss: 0.500000\n',
      'After 3 steps, loss: 0.333333\n',
    ])
  })

  it('skips snapshots the format maps to undefined', async () => {
    const lines: string[] = []
    const format = (s: { step: number }) => (s.step % 2 === 1 ? `step ${s.step}` : undefined)
    await firstValueFrom(
      from(steps).pipe(logSteps(format, { output: { write: (text: string) => lines.push(text) } }), toArray()),
    )
    expect(lines).toEqual(['step 1\n', 'step 3\n'])
  })

  it('writes to process.stdout by default', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      await firstValueFrom(
        from(steps.slice(0, 1)).pipe(
          logSteps((s) => `step ${s.step}`),
          toArray(),
        ),
      )
      expect(spy.mock.calls).toEqual([['step 1\n']])
    } finally {
      spy.mockRestore()
    }
  })

  it('refuses a format that is not a function, unknown options and an output without write', () => {
    // @ts-expect-error: the format must be a function
    expect(() => logSteps('step %d')).toThrow(new ConfigError('logSteps', 'format must be a function, got "step %d"'))
    // @ts-expect-error: not an option
    expect(() => logSteps(String, { write: console.log })).toThrow(
      new ConfigError('logSteps', "unknown option 'write'; expected one of output"),
    )
    // @ts-expect-error: an output needs write()
    expect(() => logSteps(String, { output: {} })).toThrow(
      new ConfigError('logSteps', 'output must have a write(text) method, such as process.stdout; got an object'),
    )
  })
})

describe('pyPrint', () => {
  it('joins the parts with spaces, as print() does', () => {
    expect(pyPrint('Final w1 is:', '\n')).toBe('Final w1 is: \n')
  })

  it('prints a tensor in numpy str format, as the seed prints w1', () => {
    const w1 = tensor([[-0.81031823], [1.4855988]])
    expect(pyPrint(w1, '\n')).toBe('[[-0.81031823]\n [ 1.4855988 ]] \n')
  })

  it('refuses parts that are neither strings nor tensors', () => {
    // @ts-expect-error: format numbers with pyFormat first
    expect(() => pyPrint('loss', 0.5)).toThrow(
      new ConfigError('pyPrint', 'parts[1] must be a string or a Tensor, got 0.5'),
    )
  })
})

describe('logSteps without a format', () => {
  it('writes the step and the loss, and the evaluation results on the snapshots that carry them', async () => {
    const lines: string[] = []
    const output = { write: (text: string) => lines.push(text) }
    const snapshots = [
      { step: 124, loss: 0.312345 },
      { step: 125, loss: 0.31, eval: { loss: 0.28431, accuracy: 0.9125 } },
      { step: 126, loss: NaN },
    ]
    const passed = await firstValueFrom(from(snapshots).pipe(logSteps(undefined, { output }), toArray()))
    expect(passed).toEqual(snapshots)
    expect(lines).toEqual([
      'step 124 loss 0.3123\n',
      'step 125 loss 0.31 · eval loss 0.2843 accuracy 0.9125\n',
      'step 126 loss NaN\n',
    ])
  })
})

describe('formatStep and formatEval', () => {
  it('show numbers with four significant digits, small and large ones in exponent notation', () => {
    expect(formatStep({ step: 3, loss: 1.23456e-5, eval: { loss: 123456, accuracy: 1 } })).toBe(
      'step 3 loss 1.23e-5 · eval loss 1.23e+5 accuracy 1',
    )
    expect(formatEval({ mae: 0.5, rmse: Infinity })).toBe('eval mae 0.5 rmse Infinity')
  })

  it('refuse what is not a snapshot or results of numbers', () => {
    // @ts-expect-error: a snapshot needs a loss
    expect(() => formatStep({ step: 1 })).toThrow(
      new ConfigError('formatStep', 'snapshot must be an object { step, loss, eval? } with numbers, got an object'),
    )
    // @ts-expect-error: results are numbers
    expect(() => formatStep({ step: 1, loss: 1, eval: { accuracy: '90%' } })).toThrow(
      new ConfigError('formatStep', 'eval must be an object of numbers, got an object'),
    )
    // @ts-expect-error: results are an object
    expect(() => formatEval([0.5])).toThrow(
      new ConfigError('formatEval', 'results must be an object of numbers, got an array'),
    )
  })
})
