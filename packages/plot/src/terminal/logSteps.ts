import { ConfigError, checkFunction, checkOptions, describe, isPlainObject } from '@gradstream/core'
import { tap } from 'rxjs'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { printAbove } from './liveRegion'
import { formatTick } from './renderTerminalChart'
import { checkTextOutput } from './textOutput'
import type { TextOutput } from './textOutput'

export interface LogStepsOptions {
  /** Where each formatted line goes, with a newline after it (default `process.stdout`). */
  readonly output?: TextOutput
}

/**
 * What the default line of {@link logSteps} reads: a `Snapshot` of
 * `@gradstream/train` has it all (written out so plot does not need train).
 * @example const snapshot: LoggedSnapshot = { step: 125, loss: 0.31, eval: { loss: 0.28, accuracy: 0.91 } }
 */
export interface LoggedSnapshot {
  readonly step: number
  readonly loss: number
  /** The validation results `evaluate` merged into the snapshots where it ran. */
  readonly eval?: Readonly<Record<string, number>>
}

/**
 * The console logger: writes `format(snapshot)` and a newline for every
 * snapshot that passes, and passes every snapshot on. Put a step filter
 * before it; returning `undefined` skips a snapshot. Without a format it
 * writes {@link formatStep}'s line, which shows the evaluation results on
 * the snapshots that carry them; a format of your own can add them with
 * {@link formatEval}.
 *
 * On a terminal with a live progress bar or chart (of this package), each
 * line is printed whole above them, and they are drawn again below it.
 *
 * @example
 * step$.pipe(
 *   everySteps(2000, { first: 1 }),
 *   logSteps((s) => pyFormat('After %d steps, mse_loss: %f', s.step - 1, s.losses.mse)),
 * ).subscribe()
 * step$.pipe(evaluate({ data: test, predict, loss, every: 125 }), everySteps(125), logSteps()).subscribe()
 * // step 125 loss 0.3101 · eval loss 0.2843
 */
export function logSteps<T extends LoggedSnapshot>(
  format?: undefined,
  options?: LogStepsOptions,
): MonoTypeOperatorFunction<T>
export function logSteps<T>(
  format: (snapshot: T) => string | undefined,
  options?: LogStepsOptions,
): MonoTypeOperatorFunction<T>
export function logSteps<T>(
  format: ((snapshot: T) => string | undefined) | undefined,
  options: LogStepsOptions = {},
): MonoTypeOperatorFunction<T> {
  const write = format ?? (formatStep as (snapshot: T) => string)
  checkFunction('logSteps', 'format', write)
  checkOptions('logSteps', options, ['output'])
  const { output = process.stdout } = options
  checkTextOutput('logSteps', 'output', output)
  return tap((snapshot) => {
    const text = write(snapshot)
    if (text !== undefined) printAbove(output, `${text}\n`)
  })
}

/**
 * The default line of {@link logSteps}: the step, the training loss and,
 * on an evaluated snapshot, its evaluation results (four significant digits).
 * @example formatStep({ step: 125, loss: 0.31, eval: { loss: 0.28, accuracy: 0.9125 } })
 * // 'step 125 loss 0.31 · eval loss 0.28 accuracy 0.9125'
 */
export function formatStep(snapshot: LoggedSnapshot): string {
  const { step, loss } = isPlainObject(snapshot) ? snapshot : { step: undefined, loss: undefined }
  if (typeof step !== 'number' || typeof loss !== 'number') {
    throw new ConfigError(
      'formatStep',
      `snapshot must be an object { step, loss, eval? } with numbers, got ${describe(snapshot)}`,
    )
  }
  const line = `step ${snapshot.step} loss ${formatNumber(snapshot.loss)}`
  return snapshot.eval === undefined ? line : `${line} · ${evalText('formatStep', 'eval', snapshot.eval)}`
}

/**
 * Evaluation results as a logger shows them: `eval` and each name with its
 * number (four significant digits), in the order `evaluate` gave them.
 * @example formatEval({ loss: 0.2843, accuracy: 0.91 }) // 'eval loss 0.2843 accuracy 0.91'
 */
export function formatEval(results: Readonly<Record<string, number>>): string {
  return evalText('formatEval', 'results', results)
}

/** `eval` and each result by name, after checking that `results` (called `name` in errors) holds numbers only. */
export function evalText(fn: string, name: string, results: unknown): string {
  if (!isPlainObject(results) || !Object.values(results).every((value) => typeof value === 'number')) {
    throw new ConfigError(fn, `${name} must be an object of numbers, got ${describe(results)}`)
  }
  const parts = Object.entries(results).map(([name, value]) => `${name} ${formatNumber(value as number)}`)
  return ['eval', ...parts].join(' ')
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? formatTick(value) : String(value)
}
