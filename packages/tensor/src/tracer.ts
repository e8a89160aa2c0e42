import type { Primitive, PrimitiveAttrs, PrimitiveInputs } from './primitives'
import type { Tensor } from './tensor'

/** Receives every primitive op executed while it is active (autodiff's tape is one). */
export interface Tracer {
  record<P extends Primitive>(op: P, inputs: PrimitiveInputs<P>, output: Tensor, attrs: PrimitiveAttrs<P>): void
}

// The tracers of the gradient computations in progress, innermost last. Each
// sees every op, so a gradient taken inside a function being differentiated is
// itself differentiable. This is the only module-level state that changes what
// an op computes or records; the others are invisible in results: the cache of
// frozen shapes (frozenShape.ts), the count of unseeded random calls
// (random/tfSeeds.ts) and the compiled WebAssembly module and its heap
// (kernels/wasmHeap.ts).
const active: Tracer[] = []

/** Reports an op to the active tracers. With none active this is one length check. */
export function record<P extends Primitive>(
  op: P,
  inputs: PrimitiveInputs<P>,
  output: Tensor,
  attrs: PrimitiveAttrs<P>,
): void {
  if (active.length === 0) return
  for (const tracer of active) tracer.record(op, inputs, output, attrs)
}

/**
 * Runs `fn` with `tracer` receiving every primitive op, and removes it
 * afterwards even when `fn` throws.
 */
export function withTracer<T>(tracer: Tracer, fn: () => T): T {
  active.push(tracer)
  try {
    return fn()
  } finally {
    const index = active.lastIndexOf(tracer)
    if (index >= 0) active.splice(index, 1)
  }
}

/** True while at least one tracer is recording. */
export function isTracing(): boolean {
  return active.length > 0
}
