import { DTypeError, formatShape, ShapeError, Tensor } from '@gradstream/tensor'
import { describeNode } from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { floatOutput, PARAMS, pullBack, traceCall } from './traceCall'

/**
 * What {@link vjp} returns.
 * @example const { output, vjp: pull }: VjpResult<Tensor> = vjp((x: Tensor) => exp(x), zeros([2]))
 */
export interface VjpResult<P> {
  /** `f`'s output. */
  readonly output: Tensor
  /**
   * The vector-Jacobian product: for a cotangent of the output's shape and
   * dtype, the cotangent of every leaf of the params, in their structure.
   * May be called any number of times.
   */
  readonly vjp: (cotangent: Tensor) => P
}

/**
 * Runs `f(params, ...args)` once and returns its output together with the
 * function that pulls an output cotangent back to the params (JAX's `vjp`).
 * Unlike {@link valueAndGrad}, the output may have any shape.
 *
 * @throws DTypeError / StructureError for bad params, as valueAndGrad; the
 * returned `vjp` throws a ShapeError or DTypeError for a cotangent that does
 * not match the output.
 * @example
 * const { output, vjp: pull } = vjp((x: Tensor) => mul(x, x), tensor([1, 2, 3]))
 * output.toArray()                     // [1, 4, 9]
 * pull(tensor([1, 1, 0.5])).toArray()  // [2, 4, 3]
 */
export function vjp<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
  params: P,
  ...args: A
): VjpResult<P> {
  const traced = traceCall('vjp', f, [params, ...args] as const, PARAMS)
  const output = floatOutput('vjp', traced.result)
  return {
    output,
    vjp: (cotangent) => {
      checkCotangent(output, cotangent)
      // The one tree pulled back has the structure of params, made from params itself.
      return pullBack(traced, output, cotangent)[0] as P
    },
  }
}

function checkCotangent(output: Tensor, cotangent: unknown): asserts cotangent is Tensor {
  if (!(cotangent instanceof Tensor)) {
    throw new DTypeError('vjp', `the cotangent must be a Tensor, got ${describeNode(cotangent)}`)
  }
  const shapesMatch = cotangent.rank === output.rank && cotangent.shape.every((d, i) => d === output.shape[i])
  if (!shapesMatch) {
    throw new ShapeError(
      'vjp',
      `the cotangent has shape ${formatShape(cotangent.shape)}, the output has shape ${formatShape(output.shape)}`,
    )
  }
  if (cotangent.dtype !== output.dtype) {
    throw new DTypeError('vjp', `the cotangent has dtype ${cotangent.dtype}, the output has dtype ${output.dtype}`)
  }
}
