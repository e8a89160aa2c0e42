// TensorFlow 1.x names, so code written against tf.* ports line by line.
import { matMul } from './ops/matMul'
import { logSumExp } from './ops/activations'
import { all, any, max, mean, min, prod, sum } from './ops/reductions'

/** TF1's `tf.matmul`; the same function as {@link matMul}. */
export const matmul = matMul
/** TF1's `tf.reduce_sum`; the same function as {@link sum}. */
export const reduceSum = sum
/** TF1's `tf.reduce_mean`; the same function as {@link mean}. */
export const reduceMean = mean
/** TF1's `tf.reduce_max`; the same function as {@link max}. */
export const reduceMax = max
/** TF1's `tf.reduce_min`; the same function as {@link min}. */
export const reduceMin = min
/** TF1's `tf.reduce_prod`; the same function as {@link prod}. */
export const reduceProd = prod
/** TF1's `tf.reduce_all`; the same function as {@link all}. */
export const reduceAll = all
/** TF1's `tf.reduce_any`; the same function as {@link any}. */
export const reduceAny = any
/** TF1's `tf.reduce_logsumexp`; the same function as {@link logSumExp}. */
export const reduceLogSumExp = logSumExp
