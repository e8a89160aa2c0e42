import { checkFunction, checkInRange, checkOptions } from '@gradstream/core'
import { defer, finalize, tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { checkMaxPoints } from '../series/collectSeries'
import { namedValues } from '../series/lineSeries'
import type { SeriesPick } from '../series/lineSeries'
import { StepSampler, samplesToSeries } from '../series/stepSampler'
import { LAYOUT_KEYS, checkLayout, plottableLines, renderTerminalChart } from './renderTerminalChart'
import type { TerminalChartLayout } from './renderTerminalChart'
import { colorsByDefault } from './colorSupport'
import { openLiveBlock, printAbove } from './liveRegion'
import type { LiveBlock } from './liveRegion'
import { checkTextOutput } from './textOutput'
import type { TextOutput } from './textOutput'

export interface TerminalChartOptions<T> extends TerminalChartLayout {
  /** The numbers to draw from each snapshot (default: the loss). */
  readonly pick?: SeriesPick<T>
  /** Redraw during the run at most this often; by default the chart is drawn once, when the run ends. */
  readonly refreshEveryMs?: number
  /** Most points kept per line (default 1000). */
  readonly maxPoints?: number
  /**
   * Where the chart goes (default `process.stdout`); on a TTY a refresh redraws in place, in colour unless
   * `NO_COLOR` is set (`FORCE_COLOR` colours any output).
   */
  readonly output?: TextOutput
}

/**
 * Draws numbers picked from the snapshots (by default the loss) as a text
 * chart when the run ends (completes, fails, or is stopped by a subscriber),
 * and, with `refreshEveryMs`, during it. Snapshots
 * pass on unchanged; the pick runs only on the steps the chart keeps.
 *
 * On a TTY a refreshed chart is part of the terminal's live region: redrawn
 * in place above any progress bar, with `logSteps` lines printed above it,
 * cut to the terminal's width and height while live, and printed whole when
 * the run ends. Elsewhere each refresh is written after the last. Colours
 * follow `colors`, else the terminal and `NO_COLOR`/`FORCE_COLOR`; with
 * several lines, each is labelled at its end, so none needs colour to be told
 * apart.
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
  const colors = layout.colors ?? colorsByDefault(output)
  return (source) =>
    defer(() => {
      const sampler = new StepSampler<Record<string, number>>(maxPoints)
      let live: LiveBlock | undefined
      let drawnAt = Date.now()
      /** The chart so far, or undefined while it has nothing to draw. */
      const chart = () => {
        const series = samplesToSeries(sampler.samples())
        if (plottableLines(series, layout.logY === true).length === 0) return undefined
        return renderTerminalChart(series, { ...layout, colors })
      }
      const refresh = () => {
        drawnAt = Date.now()
        const text = chart()
        if (text === undefined) return
        if (output.isTTY === true) {
          live ??= openLiveBlock(output, { bottom: false })
          live.update(text.split('\n'))
        } else {
          output.write(`${text}\n`)
        }
      }
      const end = () => {
        const text = chart()
        if (live !== undefined) live.close(text?.split('\n'))
        else if (text !== undefined) printAbove(output, `${text}\n`)
      }
      return source.pipe(
        tap((snapshot) => {
          sampler.offer(snapshot.step, () => namedValues('terminalChart', pick(snapshot), 'loss'))
          if (Date.now() - drawnAt >= refreshEveryMs) refresh()
        }),
        // the run's end: completion, an error, or a subscriber stopping it early
        finalize(end),
      )
    })
}
