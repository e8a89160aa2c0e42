// The named optimizers fold the descent sign into their one kernel pass; negation is exact, so each must equal
// its scaleBy* transformation followed by scale(-1), bit for bit.
import { describe, expect, it } from 'vitest'
import { adagrad } from './adagrad'
import { adam } from './adam'
import { chain } from './chain'
import { momentum } from './momentum'
import { rmsprop } from './rmsprop'
import { scale } from './scale'
import { scaleByAdam } from './scaleByAdam'
import { scaleByRms } from './scaleByRms'
import { scaleByRss } from './scaleByRss'
import { runSteps } from './testing'
import { trace } from './trace'
import type { GradientTransformation } from './transformation'

const grads = [
  [0.3, -2, 1e-5],
  [1.7, 0.25, -3],
  [-0.6, 4, 0.001],
]
const start = [1, -0.5, 2]

const pairs: readonly {
  name: string
  named: GradientTransformation<unknown>
  composed: GradientTransformation<unknown>
}[] = [
  { name: 'adam', named: adam(0.01), composed: chain(scaleByAdam({ learningRate: 0.01 }), scale(-1)) },
  {
    name: "adam form 'paper'",
    named: adam(0.01, { form: 'paper' }),
    composed: chain(scaleByAdam({ learningRate: 0.01, form: 'paper' }), scale(-1)),
  },
  { name: 'momentum', named: momentum(0.1, 0.9), composed: chain(trace({ decay: 0.9, learningRate: 0.1 }), scale(-1)) },
  {
    name: 'nesterov momentum',
    named: momentum(0.1, 0.9, { nesterov: true }),
    composed: chain(trace({ decay: 0.9, nesterov: true, learningRate: 0.1 }), scale(-1)),
  },
  {
    name: 'centered rmsprop',
    named: rmsprop(0.01, { centered: true, momentum: 0.5 }),
    composed: chain(scaleByRms({ learningRate: 0.01, centered: true, momentum: 0.5 }), scale(-1)),
  },
  { name: 'adagrad', named: adagrad(0.1), composed: chain(scaleByRss({ learningRate: 0.1 }), scale(-1)) },
]

describe.each(pairs)('$name', ({ named, composed }) => {
  it('equals its scaleBy* transformation followed by scale(-1), bit for bit', () => {
    expect(runSteps(named, start, grads).xs).toEqual(runSteps(composed, start, grads).xs)
  })
})
