import type { Tensor } from '@gradstream/tensor'
import type { Snapshot } from '@gradstream/train'
import { of } from 'rxjs'
import type { Observable } from 'rxjs'
import { expectTypeOf, test } from 'vitest'
import { csvLog, jsonlLog, tensorBoard } from './index'

declare const step$: Observable<Snapshot<{ w: Tensor }, { count: number }>>

test('the loggers pass train’s snapshots on with their own type', () => {
  const logged$ = step$.pipe(jsonlLog('a.jsonl'), csvLog('a.csv'), tensorBoard('tb'))
  expectTypeOf(logged$).toEqualTypeOf<Observable<Snapshot<{ w: Tensor }, { count: number }>>>()
})

test('a stream without the logged fields is refused', () => {
  // @ts-expect-error numbers are not snapshots
  of(1, 2).pipe(jsonlLog('a.jsonl'))
  // @ts-expect-error tensorBoard needs params
  of({ step: 1, loss: 1, losses: { loss: 1 }, learningRate: 0.1 }).pipe(tensorBoard('tb'))
})

test('hyper-parameters are strings, numbers and booleans, nested or not', () => {
  jsonlLog('a.jsonl', { hparams: { optimizer: { name: 'adam', learningRate: 0.001, nesterov: false }, seed: 0 } })
  // @ts-expect-error an array is not a hyper-parameter value
  csvLog('a.csv', { hparams: { sizes: [1, 2] } })
})
