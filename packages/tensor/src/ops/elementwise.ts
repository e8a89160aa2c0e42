import type { DType } from '../dtype'
import type { Primitive, PrimitiveSignatures } from '../primitives'
import { NO_ATTRS } from '../primitives'
import { broadcastShapes } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { record } from '../tracer'
import { binaryKernel, unaryKernel } from '../kernels/elementwise'
import type { BinaryScalarFn, UnaryScalarFn } from '../kernels/elementwise'
import { checkDTypeIn, checkTensor, unifyOperands } from './convert'
import type { Operand } from './convert'

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

export interface ElementwiseSpec<F> {
  /** Dtypes the op accepts. */
  readonly dtypes: readonly DType[]
  /** The scalar function per accepted dtype (a dtype missing here uses `default`). */
  readonly fn: F
  readonly fnFor?: Partial<Record<DType, F>>
  /** Output dtype; the input dtype when absent. */
  readonly outDType?: DType
}

/** Builds a broadcasting binary op: validate, compute, record. */
export function binaryOp(op: BinaryPrimitive, spec: ElementwiseSpec<BinaryScalarFn>) {
  return (a: Operand, b: Operand): Tensor => {
    const [x, y] = unifyOperands(op, ['a', 'b'], [a, b]) as [Tensor, Tensor]
    checkDTypeIn(op, 'a', x, spec.dtypes)
    const shape = broadcastShapes(op, x.shape, y.shape)
    const outDType = spec.outDType ?? x.dtype
    const fn = spec.fnFor?.[x.dtype] ?? spec.fn
    const out = fromKernel(
      binaryKernel(fn, valuesOf(x), x.shape, valuesOf(y), y.shape, shape, outDType),
      shape,
      outDType,
    )
    record(op, [x, y], out, NO_ATTRS)
    return out
  }
}

/** Builds an elementwise unary op: validate, compute, record. */
export function unaryOp(op: UnaryPrimitive, spec: ElementwiseSpec<UnaryScalarFn>) {
  return (x: Tensor): Tensor => {
    checkTensor(op, 'x', x)
    checkDTypeIn(op, 'x', x, spec.dtypes)
    const outDType = spec.outDType ?? x.dtype
    const fn = spec.fnFor?.[x.dtype] ?? spec.fn
    const out = fromKernel(unaryKernel(fn, valuesOf(x), outDType), x.shape, outDType)
    record(op, [x], out, NO_ATTRS)
    return out
  }
}
