import type { CustomNode, Primitive, PrimitiveAttrs, PrimitiveInputs, Tensor, Tracer } from '@gradstream/tensor'
import { hasNoGradient } from './rules/index'

/** A primitive op as the tape keeps it; its rule comes from the primitive table. */
export interface PrimitiveNode {
  readonly kind: 'primitive'
  readonly op: Primitive
  readonly inputs: PrimitiveInputs<Primitive>
  readonly output: Tensor
  readonly attrs: PrimitiveAttrs<Primitive>
}

/** A call of a `customVjp` function: it carries its own rule and is no entry of the primitive table. */
export interface CustomTapeNode {
  readonly kind: 'custom'
  readonly node: CustomNode
}

/** One step of the recorded computation. */
export type TapeNode = PrimitiveNode | CustomTapeNode

/**
 * Records, while a function being differentiated runs, the primitive ops
 * (and `customVjp` calls) that depend on its differentiated leaves (the
 * sources). Ops on constants only, ops with integer or bool outputs, and
 * ops without a gradient are left out, so they cost a couple of checks.
 */
export class Tape implements Tracer {
  readonly nodes: TapeNode[] = []
  /** The differentiated leaves, in the order given: the first slots are theirs. */
  readonly sources: readonly Tensor[]
  // Each dependent tensor's slot: a source's place among the sources, or
  // the number of sources + the index of the node that made it. Backprop keeps the
  // cotangents in an array by slot, so it hashes no tensor of its own.
  readonly #slots = new Map<Tensor, number>()

  constructor(sources: readonly Tensor[]) {
    this.sources = sources
    for (let i = 0; i < sources.length; i++) this.#slots.set(sources[i]!, i)
  }

  record<P extends Primitive>(op: P, inputs: PrimitiveInputs<P>, output: Tensor, attrs: PrimitiveAttrs<P>): void {
    if (output.dtype !== 'float32' && output.dtype !== 'float64') return
    if (!this.dependsOnSources(inputs) || hasNoGradient(op)) return
    this.#addSlot(output)
    this.nodes.push({ kind: 'primitive', op, inputs, output, attrs })
  }

  recordCustom(node: CustomNode): void {
    if (node.output.dtype !== 'float32' && node.output.dtype !== 'float64') return
    if (!this.dependsOnSources(node.inputs)) return
    this.#addSlot(node.output)
    this.nodes.push({ kind: 'custom', node })
  }

  /** True when `x` is a source or was computed from one on this tape. */
  isDependent(x: Tensor): boolean {
    return this.#slots.has(x)
  }

  /** The slot of a source or of a tensor computed from one on this tape; undefined for any other tensor. */
  slotOf(x: Tensor): number | undefined {
    return this.#slots.get(x)
  }

  // An op handing back one of its inputs keeps that tensor's slot, so its rule maps the cotangent in place.
  #addSlot(output: Tensor): void {
    if (!this.#slots.has(output)) this.#slots.set(output, this.sources.length + this.nodes.length)
  }

  private dependsOnSources(inputs: readonly Tensor[]): boolean {
    for (let i = 0; i < inputs.length; i++) if (this.#slots.has(inputs[i]!)) return true
    return false
  }
}
