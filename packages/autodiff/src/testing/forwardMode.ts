// Float64 references for the forward-mode tests, written without autodiff:
// central differences of f along a direction, and plain dot products.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { uniform } from './random'

/** (f(x + εv) − f(x − εv)) / 2ε for every output element, in float64. */
export function directionalDifference(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
  vs: readonly Tensor[],
  eps = 1e-6,
): number[] {
  const moved = (sign: number) => xs.map((x, i) => t.add(x, t.mul(vs[i]!, sign * eps)))
  const above = f(...moved(1)).toFlatArray()
  const below = f(...moved(-1)).toFlatArray()
  return above.map((a, i) => (a - below[i]!) / (2 * eps))
}

/** Σ a·b over all elements of two lists of tensors, in float64 arithmetic. */
export function dot(as: readonly Tensor[], bs: readonly Tensor[]): number {
  return as.reduce((acc, a, k) => acc + a.toFlatArray().reduce((s, v, i) => s + v * bs[k]!.toFlatArray()[i]!, 0), 0)
}

/** Functions of one or two float64 inputs that the forward-mode tests differentiate. */
export interface ForwardCase {
  readonly name: string
  readonly shapes: readonly (readonly number[])[]
  readonly f: (...xs: Tensor[]) => Tensor
}

const W = uniform([4, 3], { seed: 5 })

export const forwardCases: readonly ForwardCase[] = [
  { name: 'elementwise sigmoid(x)·x', shapes: [[2, 3]], f: (x) => t.mul(t.sigmoid(x), x) },
  { name: 'matMul', shapes: [[3, 2]], f: (x) => t.matMul(W, x) },
  { name: 'softmax', shapes: [[2, 4]], f: (x) => t.softmax(x) },
  { name: 'prod and mean over axes', shapes: [[3, 4]], f: (x) => t.add(t.prod(x, 1), t.mean(t.exp(x), 1)) },
  { name: 'max of a broadcast sum', shapes: [[1, 3]], f: (x) => t.max(t.add(x, W), 0) },
  { name: 'broadcast product of two inputs', shapes: [[2, 3], [3]], f: (x, y) => t.tanh(t.mul(x, y)) },
  {
    name: 'matMul of two inputs, then a sum to a scalar',
    shapes: [
      [2, 3],
      [3, 2],
    ],
    f: (a, b) => t.sum(t.square(t.matMul(a, b))),
  },
]

/** Seeded float64 inputs and tangents of a case's shapes. */
export function pointAndDirection(
  shapes: readonly (readonly number[])[],
  seed: number,
): { xs: Tensor[]; vs: Tensor[] } {
  return {
    xs: shapes.map((shape, i) => uniform(shape, { seed: seed + i })),
    vs: shapes.map((shape, i) => uniform(shape, { seed: seed + 100 + i })),
  }
}
