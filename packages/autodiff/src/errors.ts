import { GradstreamError } from '@gradstream/tensor'

/**
 * Two pytrees that should match do not, or a pytree holds something that is
 * neither a node (plain object, array) nor a Tensor leaf. The message names
 * the path at fault, e.g. `params.layers[2].b`.
 *
 * @example
 * try { mapTree((a, b) => add(a, b), { w: ones([2]) }, { v: ones([2]) }) }
 * catch (e) { e instanceof StructureError } // true
 */
export class StructureError extends GradstreamError {
  override name = 'StructureError'
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`)
  }
}
