import { checkFunction, checkInRange, checkInteger, checkNonNegative, checkOptions } from '@gradstream/core'
import { defer, finalize, tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { openLiveBlock } from './liveRegion'
import { textWidth } from './textWidth'
import { evalText } from './logSteps'
import { formatTick } from './renderTerminalChart'
import { checkTextOutput } from './textOutput'
import type { TextOutput } from './textOutput'

export interface ProgressBarOptions<T> {
  /** Steps in the whole run: the bar's 100% and the basis of the ETA. */
  readonly total: number
  /** Where to draw (default `process.stderr`, so logs on stdout stay clean); in place when `isTTY`. */
  readonly output?: TextOutput
  /** The number shown as the loss (default `snapshot.loss`). */
  readonly loss?: (snapshot: T) => number
  /** When the output is not a TTY: write a plain line at most this often (default 10 s), and at the end. */
  readonly plainEveryMs?: number
}

/** What the bar and the plain lines show for one snapshot. */
interface Progress {
  readonly step: number
  readonly percent: string
  readonly rate: string
  readonly loss: string
  /** The latest evaluation results, ` · eval loss 0.28 accuracy 0.91`, or '' before the first. */
  readonly evalText: string
  readonly etaText: string
}

/**
 * What the bar reads of a snapshot: a `Snapshot` of `@gradstream/train` has it.
 * @example const snapshot: ProgressSnapshot = { step: 125, loss: 0.31, eval: { loss: 0.28 } }
 */
export interface ProgressSnapshot {
  readonly step: number
  readonly loss: number
  /** The validation results `evaluate` merged into the snapshots where it ran. */
  readonly eval?: Readonly<Record<string, number>>
}

/**
 * A progress bar for long runs: step, steps per second, loss and ETA. On a
 * TTY it is one line of the terminal's live region, redrawn in place at most
 * ten times a second and cut to the terminal's width (without the bar's
 * graphic when the whole line does not fit, so the numbers show), below any
 * live chart and with `logSteps` lines printed above it; when the run ends
 * its last state stays, printed whole. Otherwise (CI logs, pipes) it writes a plain
 * line every `plainEveryMs` and one when the run ends.
 *
 * Evaluation results (`snapshot.eval`, from `evaluate`) show after the loss
 * from the snapshot that carries them until the next evaluation, as
 * `loss 0.31 · eval loss 0.28 accuracy 0.91`; without a TTY, an evaluated
 * snapshot also gets its own line at once, whatever `plainEveryMs` says.
 *
 * @example
 * fit({ ...config, steps: 40000 }).pipe(progressBar({ total: 40000 })).subscribe()
 */
export function progressBar<T extends ProgressSnapshot>(options: ProgressBarOptions<T>): MonoTypeOperatorFunction<T> {
  checkOptions('progressBar', options, ['total', 'output', 'loss', 'plainEveryMs'])
  const { total, output = process.stderr, loss = (s: T) => s.loss, plainEveryMs = 10_000 } = options
  checkInteger('progressBar', 'total', total, 1)
  checkTextOutput('progressBar', 'output', output)
  checkFunction('progressBar', 'loss', loss)
  checkInRange('progressBar', 'plainEveryMs', plainEveryMs, 0, Infinity) // Infinity: the first and the last line only
  return (source) =>
    defer(() => {
      const display = output.isTTY === true ? barDisplay(output, total) : plainDisplay(output, total, plainEveryMs)
      let first: { step: number; at: number } | undefined
      let latestEval = ''
      return source.pipe(
        tap((snapshot) => {
          first ??= { step: snapshot.step, at: Date.now() }
          const evaluated = snapshot.eval !== undefined
          if (evaluated) latestEval = ` · ${evalText('progressBar', 'snapshot.eval', snapshot.eval)}`
          display.show({ ...progress(snapshot.step, loss(snapshot), total, first), evalText: latestEval }, evaluated)
        }),
        // on completion, error, or a subscriber stopping the run early
        finalize(() => display.end()),
      )
    })
}

function progress(
  step: number,
  loss: number,
  total: number,
  first: { step: number; at: number },
): Omit<Progress, 'evalText'> {
  const seconds = (Date.now() - first.at) / 1000
  const rate = seconds > 0 ? (step - first.step) / seconds : NaN
  return {
    step,
    percent: ((100 * step) / total).toFixed(1),
    rate: Number.isFinite(rate) ? rate.toFixed(1) : '-',
    loss: Number.isFinite(loss) ? formatTick(loss) : String(loss),
    etaText: step >= total ? '0s' : rate > 0 ? formatDuration((total - step) / rate) : '-',
  }
}

/**
 * A duration in seconds as a progress bar shows it.
 * @example formatDuration(187) // '3m07s'
 */
export function formatDuration(seconds: number): string {
  checkNonNegative('formatDuration', 'seconds', seconds)
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

interface Display {
  /** Shows a snapshot's progress; `evaluated` when it carries new evaluation results. */
  show(progress: Progress, evaluated: boolean): void
  end(): void
}

/** Redraws of the bar at most this often, as cli-progress did: more is lost on the eye and costs writes. */
const BAR_REDRAW_MS = 100
const BAR_CELLS = 24

function barDisplay(output: TextOutput, total: number): Display {
  const block = openLiveBlock(output, { bottom: true })
  let latest: Progress | undefined
  let drawnAt = -Infinity
  const numbers = (p: Progress) =>
    `${p.percent}% | step ${p.step}/${total} | ${p.rate} steps/s | loss ${p.loss}${p.evalText} | ETA ${p.etaText}`
  const line = (p: Progress) => {
    const done = Math.round(Math.min(Math.max(p.step / total, 0), 1) * BAR_CELLS)
    return `${'='.repeat(done)}${'-'.repeat(BAR_CELLS - done)} ${numbers(p)}`
  }
  // a terminal too narrow for the whole line shows the numbers rather than the bar
  const liveLine = (p: Progress) => {
    const full = line(p)
    return textWidth(full) < (output.columns ?? Infinity) ? full : numbers(p)
  }
  return {
    show: (p) => {
      latest = p
      if (Date.now() - drawnAt < BAR_REDRAW_MS) return
      block.update([liveLine(p)])
      drawnAt = Date.now()
    },
    end: () => block.close(latest === undefined ? [] : [line(latest)]),
  }
}

function plainDisplay(output: TextOutput, total: number, everyMs: number): Display {
  let latest: Progress | undefined
  let written: Progress | undefined
  let writtenAt = -Infinity
  const write = (p: Progress) => {
    output.write(
      `step ${p.step}/${total} (${p.percent}%) | ${p.rate} steps/s | loss ${p.loss}${p.evalText} | ETA ${p.etaText}\n`,
    )
    written = p
    writtenAt = Date.now()
  }
  return {
    show: (p, evaluated) => {
      latest = p
      if (evaluated || Date.now() - writtenAt >= everyMs) write(p)
    },
    end: () => {
      if (latest !== undefined && latest !== written) write(latest)
    },
  }
}
