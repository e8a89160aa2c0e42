// The seed's section 常用函数与运算 (common functions and operations):
// clipping, logarithms, elementwise and matrix products, means over all
// elements or one axis, comparison and selection.
//
// Each cell shows the seed's TF1 call as a comment, the gradstream call after
// `>>>`, and the result printed the way the seed shows it. TF1 sessions hand
// results back as numpy values, and the seed was run with numpy 1.13, hence
// `legacy: '1.13'`: exact '%.8f' digits with a column kept for the sign.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/01-common-ops.ts
import {
  clipByValue,
  formatTensor,
  greater,
  log,
  matMul,
  mean,
  mul,
  square,
  sub,
  tensor,
  where,
} from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * Prints one cell. `display` is what the seed's REPL echoes (numpy's repr for
 * arrays), `print` what its print() calls show (numpy's str). A rank-0 result
 * comes back from TF1 as a numpy scalar, which shows as `3.5` either way.
 */
function cell(tf1: string, call: string, result: Tensor, shownBy: 'display' | 'print' = 'display'): void {
  const style = shownBy === 'display' && result.rank > 0 ? 'repr' : 'str'
  console.log(`# ${tf1}`)
  console.log(`>>> ${call}`)
  console.log(formatTensor(result, { style, legacy: '1.13' }))
  console.log()
}

console.log('# 常用函数与运算: common functions and operations\n')

// Constants are float32 by default, as tf.constant([[1., 2., 3.], ...]) is.
console.log('>>> const v = tensor([[1, 2, 3], [4, 5, 6]])\n')
const v = tensor([
  [1, 2, 3],
  [4, 5, 6],
])

// Values below 2.5 become 2.5 and values above 4.5 become 4.5.
cell('tf.clip_by_value(v, 2.5, 4.5)', 'clipByValue(v, 2.5, 4.5)', clipByValue(v, 2.5, 4.5))

// The natural logarithm of every element, correctly rounded to float32.
cell('tf.log(v)', 'log(v)', log(v))

console.log('>>> const v1 = tensor([[1, 2], [3, 4]])')
console.log('>>> const v2 = tensor([[5, 6], [7, 8]])\n')
const v1 = tensor([
  [1, 2],
  [3, 4],
])
const v2 = tensor([
  [5, 6],
  [7, 8],
])

// `*` multiplies element by element; matmul is the matrix product.
cell('v1 * v2', 'mul(v1, v2)', mul(v1, v2))
cell('tf.matmul(v1, v2)', 'matMul(v1, v2)', matMul(v1, v2))

// reduce_mean averages over every element unless given an axis.
cell('tf.reduce_mean(v)', 'mean(v)', mean(v))

console.log('>>> const x = tensor([[1, 1], [2, 2]])\n')
const x = tensor([
  [1, 1],
  [2, 2],
])
cell('tf.reduce_mean(x)', 'mean(x)', mean(x), 'print')
// Axis 0 averages down the columns, axis 1 along the rows.
cell('tf.reduce_mean(x, 0)', 'mean(x, 0)', mean(x, 0), 'print')
cell('tf.reduce_mean(x, 1)', 'mean(x, 1)', mean(x, 1), 'print')

// The mean squared difference, the core of a squared-error loss.
cell('tf.reduce_mean(tf.square(v1 - v2))', 'mean(square(sub(v1, v2)))', mean(square(sub(v1, v2))))

// Comparison gives a bool tensor; where picks from the first tensor where it
// is true and from the second elsewhere: here the elementwise maximum. The
// seed reuses the names v1 and v2 for these two vectors.
console.log('>>> const a = tensor([1, 2, 3, 4])')
console.log('>>> const b = tensor([4, 3, 2, 1])\n')
const a = tensor([1, 2, 3, 4])
const b = tensor([4, 3, 2, 1])
cell('tf.greater(v1, v2)', 'greater(a, b)', greater(a, b))
cell('tf.where(tf.greater(v1, v2), v1, v2)', 'where(greater(a, b), a, b)', where(greater(a, b), a, b))
