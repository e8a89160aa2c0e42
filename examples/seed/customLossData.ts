// The custom-loss section's data set: X from numpy's RandomState(1), Y = x1 + x2
// plus noise uniform in [-0.05, 0.05), both rounded to float32 as TF's
// placeholders round what is fed to them.
import { RandomState, cast, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

export function customLossData(): { readonly x: Tensor; readonly y: Tensor } {
  const rdm = new RandomState(1)
  const X = rdm.rand(128, 2)
  const rows = X.toArray() as number[][]
  // Y = [[x1+x2+(rdm.rand()/10.0-0.05)] for (x1, x2) in X]: the noise draws follow all of X's.
  const Y = tensor(
    rows.map(([x1, x2]) => [x1! + x2! + (rdm.rand() / 10.0 - 0.05)]),
    undefined,
    'float64',
  )
  return { x: cast(X, 'float32'), y: cast(Y, 'float32') }
}
