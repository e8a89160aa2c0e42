import { matMul } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

// TF's _MatMulGrad, one case per pair of transpose flags, using matMul's own
// flags rather than explicit transposes. With batch axes, each gradient has
// the broadcast batch shape; the walker sums it back to the input's.
export const matMulVjp: VjpRule<'matMul'> = (g, [a, b], _y, { transposeA, transposeB }, needed) => {
  if (!transposeA && !transposeB) {
    return [needed[0] ? matMul(g, b, false, true) : null, needed[1] ? matMul(a, g, true, false) : null]
  }
  if (!transposeA && transposeB) {
    return [needed[0] ? matMul(g, b) : null, needed[1] ? matMul(g, a, true, false) : null]
  }
  if (transposeA && !transposeB) {
    return [needed[0] ? matMul(b, g, false, true) : null, needed[1] ? matMul(a, g) : null]
  }
  return [needed[0] ? matMul(b, g, true, true) : null, needed[1] ? matMul(g, a, true, true) : null]
}
