import { EventEmitter } from 'node:events'
import { lastValueFrom, map, range } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openLiveBlock, printAbove } from './liveRegion'
import { logSteps } from './logSteps'
import { progressBar } from './progressBar'

/**
 * A small terminal: the text it shows (scrollback included) after the
 * sequences the live region writes: printable characters wrapping at
 * `columns`, a newline (as a TTY's output processing makes it, back to the
 * start of the next row), cursor up and down (CUU, CUD), erase line (EL);
 * colours are ignored.
 */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true
  readonly writes: string[] = []
  readonly screen: string[][] = [[]]
  row = 0
  column = 0

  constructor(
    public columns: number,
    readonly rows = 24,
  ) {
    super()
  }

  write(text: string): boolean {
    this.writes.push(text)
    for (let i = 0; i < text.length; ) {
      const control = /^\x1b\[(\d*)([A-Za-z])/.exec(text.slice(i)) // eslint-disable-line no-control-regex
      if (control !== null) {
        const n = Number(control[1] || 1)
        if (control[2] === 'A') this.row = Math.max(this.row - n, 0)
        if (control[2] === 'B') this.moveTo(this.row + n)
        if (control[2] === 'K') this.screen[this.row] = []
        i += control[0].length
        continue
      }
      const char = String.fromCodePoint(text.codePointAt(i)!)
      i += char.length
      if (char === '\n') {
        this.moveTo(this.row + 1)
        this.column = 0
        continue
      }
      if (this.column === this.columns) {
        this.moveTo(this.row + 1)
        this.column = 0
      }
      this.screen[this.row]![this.column++] = char
    }
    return true
  }

  moveTo(row: number): void {
    this.row = row
    while (this.screen.length <= row) this.screen.push([])
  }

  resize(columns: number): void {
    this.columns = columns
    this.emit('resize')
  }

  /** The rows up to the cursor's, trailing blanks cut. */
  text(): string[] {
    return this.screen.slice(0, this.row + 1).map((row) =>
      Array.from(row, (c) => c ?? ' ')
        .join('')
        .trimEnd(),
    )
  }
}

describe('the live region', () => {
  it('prints lines whole above the live lines and draws the live lines again below them', () => {
    const terminal = new FakeTerminal(30)
    const bar = openLiveBlock(terminal, { bottom: true })
    bar.update(['[==    ] 1/3'])
    printAbove(terminal, 'a log line longer than the thirty columns of this terminal\n')
    bar.update(['[====  ] 2/3'])
    printAbove(terminal, 'another\n')
    bar.close(['[======] 3/3'])
    expect(terminal.text()).toEqual([
      'a log line longer than the thi',
      'rty columns of this terminal',
      'another',
      '[======] 3/3',
      '',
    ])
  })

  it('keeps bars below charts and redraws only from the first changed line', () => {
    const terminal = new FakeTerminal(40)
    const bar = openLiveBlock(terminal, { bottom: true })
    const chart = openLiveBlock(terminal, { bottom: false })
    bar.update(['bar 1'])
    chart.update(['chart', 'row a', 'row b'])
    expect(terminal.text()).toEqual(['chart', 'row a', 'row b', 'bar 1', ''])
    terminal.writes.length = 0
    bar.update(['bar 2'])
    expect(terminal.writes).toEqual(['\x1b[1A\x1b[2K\x1b[1B\x1b[1Abar 2\n'])
    chart.update(['chart', 'row c'])
    expect(terminal.text()).toEqual(['chart', 'row c', 'bar 2', ''])
    chart.close()
    bar.close()
    expect(terminal.text()).toEqual([''])
  })

  it('cuts live lines to the width less one column and keeps the bottom rows of a region taller than the screen', () => {
    const terminal = new FakeTerminal(10, 4)
    const block = openLiveBlock(terminal, { bottom: false })
    block.update(['1', '2', '3', 'four is longer than ten'])
    expect(terminal.text()).toEqual(['2', '3', 'four is …', ''])
    block.close(['four is longer than ten'])
    expect(terminal.text()).toEqual(['four is lo', 'nger than', 'ten', '']) // whole once the run ends
  })

  it('cuts the live lines again when the terminal is resized', () => {
    const terminal = new FakeTerminal(20)
    const block = openLiveBlock(terminal, { bottom: true })
    block.update(['0123456789abcdefg'])
    expect(terminal.text()).toEqual(['0123456789abcdefg', ''])
    terminal.resize(12)
    expect(terminal.text()).toEqual(['0123456789…', ''])
    block.close()
  })

  it('writes printed text as it is when nothing is live, and stops listening for resizes when all blocks close', () => {
    const terminal = new FakeTerminal(20)
    printAbove(terminal, 'plain\n')
    expect(terminal.writes).toEqual(['plain\n'])
    const block = openLiveBlock(terminal, { bottom: false })
    expect(terminal.listenerCount('resize')).toBe(1)
    block.close()
    block.update(['after the end']) // ignored
    expect(terminal.listenerCount('resize')).toBe(0)
    expect(terminal.text()).toEqual(['plain', ''])
  })
})

describe('logSteps and progressBar on one terminal', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps log lines whole above the bar, which redraws at most every 100 ms and ends printed whole', async () => {
    const terminal = new FakeTerminal(40)
    const line = (step: number) => `step ${step} of a run that logs lines longer than forty columns`
    const run$ = range(1, 50).pipe(
      map((step) => {
        vi.advanceTimersByTime(10) // 10 ms a step
        return { step, loss: 1 / step }
      }),
    )
    await lastValueFrom(
      run$.pipe(
        logSteps((s) => (s.step % 10 === 0 ? line(s.step) : undefined), { output: terminal }),
        progressBar({ total: 50, output: terminal }),
      ),
    )
    const rows = terminal.text()
    const logs = [10, 20, 30, 40, 50].flatMap((step) => [line(step).slice(0, 40).trimEnd(), line(step).slice(40)])
    expect(rows.slice(0, 10)).toEqual(logs)
    expect(rows.slice(10, -1).join('')).toMatch(
      /^={24} 100\.0% \| step 50\/50 \| 100\.0 steps\/s \| loss 0\.02 \| ETA 0s$/,
    )
    const liveBars = terminal.writes.filter((write) => /% \| step \d+\/50 \| .*…\n$/.test(write))
    expect(liveBars.length).toBeLessThanOrEqual(5 + 1 + 5) // one per 100 ms and one after each log line
    // too narrow for the whole line: the numbers without the bar's graphic
    expect(liveBars[0]).toBe('2.0% | step 1/50 | - steps/s | loss 1 …\n') // the first: nothing to erase
  })
})
