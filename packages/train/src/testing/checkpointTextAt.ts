import { firstValueFrom, last } from 'rxjs'
import type { Observable } from 'rxjs'
import { checkpoint } from '../operators/checkpoint'
import type { Snapshot } from '../snapshot'

/** Runs `run$` to its end and returns the checkpoint text written at `step` (the run's last step in the tests). */
export async function checkpointTextAt(run$: Observable<Snapshot>, step: number): Promise<string> {
  const written: string[] = []
  await firstValueFrom(
    run$.pipe(
      checkpoint((text) => void written.push(text), { everySteps: step }),
      last(),
    ),
  )
  return written[0]!
}
