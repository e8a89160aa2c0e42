import type { DType } from '../dtype'
import type { Primitive, PrimitiveSignatures } from '../primitives'
import { NO_ATTRS } from '../primitives'
import { broadcastShapes, checkElementCount } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { isTracing, record } from '../tracer'
import { kernels } from '../kernels'
import type { BinaryKernelOp, UnaryKernelOp } from '../kernels'
import { checkDTypeIn, checkTensor, unifyPair } from './argumentChecks'
import type { Operand } from './argumentChecks'
import { deferBinary, deferUnary } from './deferredElementwise'

// Elementwise primitives: the given inputs and no attributes.
type PrimitiveWith<Arity> = {
  [P in Primitive]: PrimitiveSignatures[P]['inputs'] extends Arity
    ? PrimitiveSignatures[P]['attrs'] extends typeof NO_ATTRS
      ? P
      : never
    : never
}[Primitive]
export type BinaryPrimitive = PrimitiveWith<readonly [Tensor, Tensor]>
export type UnaryPrimitive = PrimitiveWith<readonly [Tensor]>

/** An elementwise op's dtype rules; its arithmetic is the kernel op of the same name. */
export interface ElementwiseSpec<KernelOp> {
  /** Dtypes the op accepts. */
  readonly dtypes: readonly DType[]
  /** Kernel ops for dtypes that compute differently (int32 `mul` is `mulInt32`, 32-bit wrapping). */
  readonly kernelFor?: Partial<Record<DType, KernelOp>>
  /** Output dtype; the input dtype when absent. */
  readonly outDType?: DType
}

/** Builds a broadcasting binary op: validate, compute, record. */
export function binaryOp(op: BinaryPrimitive & BinaryKernelOp, spec: ElementwiseSpec<BinaryKernelOp>) {
  return (a: Operand, b: Operand): Tensor => {
    const [x, y] = unifyPair(op, a, b)
    checkDTypeIn(op, 'a', x, spec.dtypes)
    const shape = broadcastShapes(op, x.shape, y.shape)
    // Broadcasting can make an output far larger than either input: [n, 1] + [1, n].
    if (shape !== x.shape) checkElementCount(op, shape)
    const outDType = spec.outDType ?? x.dtype
    const kernelOp = spec.kernelFor?.[x.dtype] ?? op
    // Large float32 results wait to be read, so that a chain of such ops runs as one pass (deferredElementwise.ts).
    const out =
      deferBinary(kernelOp, x, y, shape, outDType) ??
      fromKernel(
        kernels.binary(
          kernelOp,
          valuesOf(x),
          valuesOf(y),
          { aShape: x.shape, bShape: y.shape, outShape: shape },
          outDType,
        ),
        shape,
        outDType,
      )
    // Guarded here so that no list of inputs is built for the tracers when there are none.
    if (isTracing()) record(op, [x, y], out, NO_ATTRS)
    return out
  }
}

/** Builds an elementwise unary op: validate, compute, record. */
export function unaryOp(op: UnaryPrimitive & UnaryKernelOp, spec: ElementwiseSpec<UnaryKernelOp>) {
  return (x: Tensor): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, spec.dtypes)
    const outDType = spec.outDType ?? x.dtype
    const kernelOp = spec.kernelFor?.[x.dtype] ?? op
    const out =
      deferUnary(kernelOp, x, outDType) ?? fromKernel(kernels.unary(kernelOp, valuesOf(x), outDType), x.shape, outDType)
    if (isTracing()) record(op, [x], out, NO_ATTRS)
    return out
  }
}
