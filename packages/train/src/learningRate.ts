import { ConfigError } from '@gradstream/tensor'
import type { Schedule } from '@gradstream/schedules'
import { isObservable } from 'rxjs'
import type { Observable, Subscription } from 'rxjs'

/** A learning rate: fixed, a function of the step, or a stream whose latest value each step uses. */
export type LearningRate = number | Schedule | Observable<number>

/** Per-run reader of a learning rate; `close` releases a stream subscription. */
export interface LearningRateReader {
  readonly at: (step: number) => number
  readonly close: () => void
}

function checkRate(rate: number, source: string): number {
  if (typeof rate !== 'number' || Number.isNaN(rate) || rate < 0) {
    throw new ConfigError('train', `learningRate must be a number >= 0, got ${rate} from ${source}`)
  }
  return rate
}

/** Starts reading `learningRate` for one run; a stream is subscribed to now and read at every step. */
export function readLearningRate(learningRate: LearningRate | undefined): LearningRateReader {
  if (learningRate === undefined) return { at: () => NaN, close: () => undefined }
  if (typeof learningRate === 'number') {
    const rate = checkRate(learningRate, 'the config')
    return { at: () => rate, close: () => undefined }
  }
  if (typeof learningRate === 'function') {
    return { at: (step) => checkRate(learningRate(step), `the schedule at step ${step}`), close: () => undefined }
  }
  if (isObservable(learningRate)) return streamReader(learningRate)
  throw new ConfigError(
    'train',
    `learningRate must be a number, a schedule or an Observable, got ${typeof learningRate}`,
  )
}

function streamReader(rate$: Observable<number>): LearningRateReader {
  let latest: number | undefined
  let failure: unknown
  const subscription: Subscription = rate$.subscribe({
    next: (rate) => {
      latest = rate
    },
    error: (error: unknown) => {
      failure = error
    },
  })
  return {
    at: (step) => {
      if (failure !== undefined) throw failure
      if (latest === undefined) {
        throw new ConfigError('train', `the learningRate stream has not emitted a value by step ${step}`)
      }
      return checkRate(latest, 'the learningRate stream')
    },
    close: () => subscription.unsubscribe(),
  }
}
