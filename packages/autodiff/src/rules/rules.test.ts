import { mul, sum, withTracer } from '@gradstream/tensor'
import type { Primitive, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { checkGrad } from '../checkGrad'
import { gradCases } from '../testing/gradCases'
import type { GradVariant } from '../testing/gradCases'
import { uniform } from '../testing/random'
import { vjpRules } from './index'

const DTYPES = [
  { dtype: 'float64', tolerance: 1e-6 },
  { dtype: 'float32', tolerance: 1e-2 },
] as const

/** Inputs and the scalar function checked: the variant's output weighted by fixed random numbers. */
function setUp(variant: GradVariant, dtype: 'float32' | 'float64') {
  const inputs = variant.shapes.map((shape, i) => {
    const [low, high] = variant.domains?.[Math.min(i, variant.domains.length - 1)] ?? [-2, 2]
    return uniform(shape, { seed: 100 + i, low, high, dtype })
  })
  const weights = uniform(variant.apply(...inputs).shape, { seed: 99, dtype })
  const f = (xs: readonly Tensor[]) => sum(mul(variant.apply(...xs), weights))
  return { inputs, f }
}

function opsRecordedBy(variant: GradVariant, inputs: readonly Tensor[]): Set<Primitive> {
  const seen = new Set<Primitive>()
  withTracer({ record: (op) => seen.add(op) }, () => variant.apply(...inputs))
  return seen
}

const rows = Object.entries(gradCases).flatMap(([op, variants]) =>
  variants.map((variant) => ({ op: op as Primitive, variant, name: `${op}: ${variant.name}` })),
)

describe('the gradient case table', () => {
  it('covers every primitive that has a rule', () => {
    expect(Object.keys(gradCases).sort()).toEqual(Object.keys(vjpRules).sort())
  })
})

describe.each(rows)('$name', ({ op, variant }) => {
  it(`exercises ${op}`, () => {
    expect(opsRecordedBy(variant, setUp(variant, 'float64').inputs)).toContain(op)
  })

  it.each(DTYPES)('matches central differences in $dtype', ({ dtype, tolerance }) => {
    const { inputs, f } = setUp(variant, dtype)
    const result = checkGrad(f, inputs, { dtype })
    expect(result.maxRelError).toBeLessThan(tolerance)
  })
})
