import { tensor } from '@gradstream/tensor'
import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { logSteps } from './logSteps'
import { pyFormat } from './pyFormat'
import { pyPrint } from './pyPrint'

const steps = [1, 2, 3].map((step) => ({ step, loss: 1 / step }))

describe('logSteps', () => {
  it('writes one formatted text per snapshot and passes every snapshot on', async () => {
    const lines: string[] = []
    const write = (text: string) => lines.push(text)
    const passed = await firstValueFrom(
      from(steps).pipe(
        logSteps((s) => pyFormat('After %d steps, loss: %f', s.step, s.loss), { write }),
        toArray(),
      ),
    )
    expect(passed).toEqual(steps)
    expect(lines).toEqual([
      'After 1 steps, loss: 1.000000',
      'After 2 steps, loss: 0.500000',
      'After 3 steps, loss: 0.333333',
    ])
  })

  it('skips snapshots the format maps to undefined', async () => {
    const lines: string[] = []
    const format = (s: { step: number }) => (s.step % 2 === 1 ? `step ${s.step}` : undefined)
    await firstValueFrom(from(steps).pipe(logSteps(format, { write: (text) => lines.push(text) }), toArray()))
    expect(lines).toEqual(['step 1', 'step 3'])
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
})
