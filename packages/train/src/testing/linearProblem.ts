import type { Tensor } from '@gradstream/tensor'
import { matMul, mean, square, sub, tensor } from '@gradstream/tensor'

/** A small regression problem for the tests: y = x · [1, 2]ᵀ on 16 fixed rows. */
export function linearProblem() {
  const rows = Array.from({ length: 16 }, (_, i) => [((i * 7) % 16) / 16 - 0.5, ((i * 5) % 16) / 16 - 0.25])
  const x = tensor(rows)
  const y = tensor(rows.map(([a, b]) => [a! + 2 * b!]))
  const params = { w: tensor([[0.5], [-0.5]]) }
  const loss = ({ w }: { readonly w: Tensor }, batch: { readonly x: Tensor; readonly y: Tensor }) =>
    mean(square(sub(matMul(batch.x, w), batch.y)))
  return { x, y, params, loss }
}
