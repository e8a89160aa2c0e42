// The seed's section 滑动平均模型 (the moving-average model): the shadow of
// a variable under tf.train.ExponentialMovingAverage(0.99, step), as the
// variable and the step are assigned by hand.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/05-moving-average.ts
import { average, exponentialMovingAverage } from '@gradstream/ema'
import { formatTensor, scalar } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { withEma } from '@gradstream/train'
import { from } from 'rxjs'

// The seed prints a Python list of numpy float32 scalars, as numpy < 1.14 did.
const show = (x: Tensor) => formatTensor(x, { legacy: '1.13' })

const ema = exponentialMovingAverage({ decay: 0.99 })
const v1 = scalar(0)
console.log(`[${show(v1)}, ${show(average(ema.init({ v1 })).v1)}]`)

// Each element is one `maintain_averages_op` run: the step and v1 as assigned before it.
const assignments$ = from([
  { step: 0, params: { v1: scalar(5) } },
  { step: 10000, params: { v1: scalar(10) } },
  { step: 10000, params: { v1: scalar(10) } },
])
assignments$
  .pipe(withEma(ema, { initial: { v1 } }))
  .subscribe((s) => console.log(`[${show(s.params.v1)}, ${show(s.ema!.v1)}]`))
