import type { Params } from '@gradstream/tensor'
import type { TrainState } from '../snapshot'
import { readCheckpoint } from './format'
import type { ResumeOptions } from './resumeOptions'

/**
 * The training state stored in checkpoint text, checked against the run it
 * is to continue, ready to pass as `train({ ..., initial })` (`fit({
 * resumeFrom })` does this for you). Besides the format, the checksum and
 * every tensor, the parameters must have the run's tree, dtypes and shapes,
 * the optimizer state what the run's `optimizer.init(params)` builds, and
 * the moving average what the run's `ema.init(params)` does (finite numbers,
 * counts non-negative integers), the model state the tree, dtypes and shapes
 * of the run's `modelState`, and a stored run key `randomKey(seed)` of the
 * run's seed. A part the run means to start afresh is named in `reset`. A run resumed this way continues bit for bit as the
 * uninterrupted run would have.
 * @example const initial = resume<Params, AdamState>(readFileSync('run.ckpt.json', 'utf8'), { params, optimizer: adam, learningRate: 0.01 })
 */
export function resume<P extends Params, S, M extends Params | undefined = Params | undefined>(
  text: string,
  run: ResumeOptions<P, S, M>,
): TrainState<P, S, M> {
  return readCheckpoint('resume', text, run)
}
