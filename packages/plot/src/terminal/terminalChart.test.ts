import { firstValueFrom, from, range, map, take, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { terminalChart } from './terminalChart'

function recorder(isTTY: boolean) {
  const writes: string[] = []
  return { writes, output: { isTTY, write: (text: string) => writes.push(text) } }
}

const run = (steps: number) =>
  range(1, steps).pipe(map((step) => ({ step, loss: 1 / step, losses: { mse: 1 / step, l2: 0.1 } })))

describe('terminalChart', () => {
  it('draws the loss once, when the run ends, and passes every snapshot on', async () => {
    const { writes, output } = recorder(false)
    const passed = await firstValueFrom(run(50).pipe(terminalChart({ output, height: 4 }), toArray()))
    expect(passed).toHaveLength(50)
    expect(writes).toHaveLength(1)
    expect(writes[0]!.split('\n')[0]!.trim()).toMatch(/^1 ┼/) // the first loss, 1, on the top row
    expect(writes[0]).toContain(' 50\n')
  })

  it('draws one line per picked name, with a legend', async () => {
    const { writes, output } = recorder(false)
    await firstValueFrom(run(10).pipe(terminalChart({ output, pick: (s) => s.losses }), toArray()))
    expect(writes[0]).toContain('── mse   ── l2')
  })

  it('redraws during the run in place on a TTY, erasing only the rows it drew, and prints the final chart whole', async () => {
    const { writes, output } = recorder(true)
    await firstValueFrom(
      run(3).pipe(terminalChart({ output, refreshEveryMs: 0, height: 2, width: 4, colors: false }), toArray()),
    )
    expect(writes).toHaveLength(4) // after each of the 3 steps, then at the end
    expect(writes[0]!.startsWith('\x1b[')).toBe(false)
    // each redraw goes up over the rows from the first changed one, erases each, and goes back up
    const erase = new RegExp(String.raw`^\u001b\[(\d+)A(?:\u001b\[2K\u001b\[1B)+\u001b\[\1A`)
    for (const write of writes.slice(1)) expect(write).toMatch(erase)
    const final = writes[3]!.replace(erase, '')
    expect(final.split('\n').at(-2)).toBe('           1  3') // the x axis of steps 1 to 3, in full
    expect(final).not.toContain('\x1b[')
  })

  it('draws the chart up to the last step when a subscriber stops a synchronous run early', async () => {
    const { writes, output } = recorder(false)
    const seen: number[] = []
    const run$ = run(1000).pipe(tap((s) => seen.push(s.step)))
    await firstValueFrom(run$.pipe(terminalChart({ output }), take(10), toArray()))
    expect(seen).toHaveLength(10) // the source stopped
    expect(writes).toHaveLength(1)
    expect(writes[0]).toContain(' 10\n')
  })

  it('draws nothing for a run without finite values', async () => {
    const { writes, output } = recorder(false)
    await firstValueFrom(from([{ step: 1, loss: NaN }]).pipe(terminalChart({ output }), toArray()))
    expect(writes).toEqual([])
  })

  it('rejects a negative refresh interval', () => {
    expect(() => terminalChart({ refreshEveryMs: -1 })).toThrow(
      'terminalChart: refreshEveryMs must be in [0, Infinity], got -1',
    )
  })

  it('refuses unknown options and bad layout, output and pick before the run', () => {
    // @ts-expect-error: not an option
    expect(() => terminalChart({ logy: true })).toThrow(
      "terminalChart: unknown option 'logy'; expected one of pick, refreshEveryMs, maxPoints, output, width, height, logY, colors, title",
    )
    expect(() => terminalChart({ height: 0 })).toThrow(
      'terminalChart: height must be an integer >= 1 and <= 1000, got 0',
    )
    // @ts-expect-error: pick is a function
    expect(() => terminalChart({ pick: 'loss' })).toThrow('terminalChart: pick must be a function, got "loss"')
    // @ts-expect-error: an output needs write()
    expect(() => terminalChart({ output: null })).toThrow(
      'terminalChart: output must have a write(text) method, such as process.stdout; got null',
    )
  })

  it('turns a pick that returns something other than numbers into an error of the stream', async () => {
    const { output } = recorder(false)
    // @ts-expect-error: the pick must return numbers
    const chart = terminalChart({ output, pick: (s) => ({ loss: String(s.loss) }) })
    await expect(firstValueFrom(run(3).pipe(chart, toArray()))).rejects.toThrow(
      'terminalChart: pick must return a number or an object of numbers, got an object',
    )
  })
})
