/** How long to run one sample at least, so timer resolution and call overhead vanish. */
const MIN_SAMPLE_SECONDS = 0.05
/** How long to warm up at least, so the JIT has optimized the hot loops of fast cases too. */
const MIN_WARMUP_SECONDS = 0.3

export interface MeasureOptions {
  /** Samples per implementation; the median is reported. */
  readonly samples: number
  /** Untimed runs first (at least this many, for at least MIN_WARMUP_SECONDS), so the JIT has compiled the hot paths. */
  readonly warmups: number
}

const secondsSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9

function seconds(run: () => void, repeats: number): number {
  const start = process.hrtime.bigint()
  for (let i = 0; i < repeats; i++) run()
  return secondsSince(start) / repeats
}

/** Runs `run` untimed, at least `minRuns` times and for at least MIN_WARMUP_SECONDS. */
function warmUp(run: () => void, minRuns: number): void {
  const start = process.hrtime.bigint()
  for (let i = 0; i < minRuns || secondsSince(start) < MIN_WARMUP_SECONDS; i++) run()
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Median seconds per run of each function. Samples alternate between the
 * functions, so a slow spell of a shared machine hits both alike; each sample
 * repeats its function enough times to last MIN_SAMPLE_SECONDS.
 */
export function measureMedians(runs: readonly (() => void)[], { samples, warmups }: MeasureOptions): number[] {
  const repeats = runs.map((run) => {
    warmUp(run, warmups)
    return Math.max(1, Math.ceil(MIN_SAMPLE_SECONDS / seconds(run, 1)))
  })
  const times: number[][] = runs.map(() => [])
  for (let sample = 0; sample < samples; sample++) {
    runs.forEach((run, i) => times[i]!.push(seconds(run, repeats[i]!)))
  }
  return times.map(median)
}
