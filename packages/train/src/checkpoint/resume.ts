import type { Params } from '@gradstream/autodiff'
import { parseCheckpoint } from './format'
import type { TrainState } from '../snapshot'

/**
 * The training state stored in checkpoint text, checked against the run's
 * initial parameters, ready to pass as `train({ ..., initial })` or
 * `fit({ ..., resumeFrom })`. A run resumed this way continues bit for bit as
 * the uninterrupted run would have.
 * @example const initial = resume<Params, AdamState>(readFileSync('run.ckpt.json', 'utf8'), params)
 */
export function resume<P extends Params, S>(text: string, params?: P): TrainState<P, S> {
  return parseCheckpoint<P, S>(text, params)
}
