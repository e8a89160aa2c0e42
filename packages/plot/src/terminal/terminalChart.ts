import { checkFunction, checkInRange, checkOptions } from '@gradstream/core'
import { defer, finalize, tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { checkMaxPoints } from '../series/collectSeries'
import { namedValues } from '../series/lineSeries'
import type { SeriesPick } from '../series/lineSeries'
import { StepSampler, samplesToSeries } from '../series/stepSampler'
import { LAYOUT_KEYS, checkLayout, plottableLines, renderTerminalChart } from './renderTerminalChart'
import type { TerminalChartLayout } from './renderTerminalChart'
import { checkTextOutput } from './textOutput'
import type { TextOutput } from './textOutput'

export interface TerminalChartOptions<T> extends TerminalChartLayout {
  /** The numbers to draw from each snapshot (default: the loss). */
  readonly pick?: SeriesPick<T>
  /** Redraw during the run at most this often; by default the chart is drawn once, when the run ends. */
  readonly refreshEveryMs?: number
  /** Most points kept per line (default 1000). */
  readonly maxPoints?: number
  /** Where the chart goes (default `process.stdout`); on a TTY a refresh redraws in place, in colour. */
  readonly output?: TextOutput
}

// Cursor up n lines, then clear to the end of the screen (ECMA-48 CUU and ED).
const redrawFrom = (lines: number) => `\x1b[${lines}A\x1b[0J`

/**
 * Draws numbers picked from the snapshots (by default the loss) as a text
 * chart when the run ends (completes, fails, or is stopped by a subscriber),
 * and, with `refreshEveryMs`, during it. Snapshots
 * pass on unchanged; the pick runs only on the steps the chart keeps.
 *
 * @example
 * step$.pipe(terminalChart({ pick: (s) => s.losses, logY: true, title: 'loss terms' })).subscribe()
 */
export function terminalChart<T extends { readonly step: number; readonly loss: number }>(
  options: TerminalChartOptions<T> = {},
): MonoTypeOperatorFunction<T> {
  checkOptions('terminalChart', options, ['pick', 'refreshEveryMs', 'maxPoints', 'output', ...LAYOUT_KEYS])
  const {
    pick = (s: T) => s.loss,
    refreshEveryMs = Infinity,
    maxPoints = 1000,
    output = process.stdout,
    ...layout
  } = options
  checkFunction('terminalChart', 'pick', pick)
  checkInRange('terminalChart', 'refreshEveryMs', refreshEveryMs, 0, Infinity) // Infinity: once, at the end
  checkMaxPoints('terminalChart', maxPoints)
  checkTextOutput('terminalChart', 'output', output)
  checkLayout('terminalChart', layout)
  const colors = layout.colors ?? output.isTTY === true
  return (source) =>
    defer(() => {
      const sampler = new StepSampler<Record<string, number>>(maxPoints)
      let drawnLines = 0
      let drawnAt = Date.now()
      const draw = () => {
        const series = samplesToSeries(sampler.samples())
        if (plottableLines(series, layout.logY === true).length === 0) return
        const text = renderTerminalChart(series, { ...layout, colors })
        output.write((drawnLines > 0 && output.isTTY === true ? redrawFrom(drawnLines) : '') + text + '\n')
        drawnLines = text.split('\n').length
        drawnAt = Date.now()
      }
      return source.pipe(
        tap((snapshot) => {
          sampler.offer(snapshot.step, () => namedValues('terminalChart', pick(snapshot), 'loss'))
          if (Date.now() - drawnAt >= refreshEveryMs) draw()
        }),
        // the run's end: completion, an error, or a subscriber stopping it early
        finalize(draw),
      )
    })
}
