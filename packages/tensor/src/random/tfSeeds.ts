import { Philox } from './philox'

/** TF1's `DEFAULT_GRAPH_SEED`: the first seed of every op that has an op seed but no graph seed. */
export const DEFAULT_GRAPH_SEED = 87654321
const MAX_INT32 = 2 ** 31 - 1

// Unseeded ops put this count in the counter's high words, so two unseeded calls
// in one process never share a stream even if Math.random were to repeat.
let unseededCalls = 0

/**
 * The generator a TF1 random op starts from. With an op seed `s` and no graph
 * seed, TF1's `get_seed` gives `(87654321, s mod (2³¹ − 1))` (Python's modulo,
 * so never negative). Without a seed the stream is random and not reproducible.
 */
export function philoxForOp(seed: number | undefined): Philox {
  if (seed === undefined) return new Philox(Math.floor(Math.random() * 2 ** 53), unseededCalls++)
  return new Philox(DEFAULT_GRAPH_SEED, ((seed % MAX_INT32) + MAX_INT32) % MAX_INT32)
}
