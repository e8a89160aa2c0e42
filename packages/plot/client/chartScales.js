// The axes of the overlaid charts: log y labelled at every decade, and the
// x of a run's points as its step, its epoch or the wall time.

/** The decades around [min, max] (at least one decade): the range of a log y axis. */
export function decadeRange(min, max) {
  if (!(min > 0) || !(max > 0)) return [1, 10]
  const low = Math.floor(Math.log10(min))
  const high = Math.max(Math.ceil(Math.log10(max)), low + 1)
  return [10 ** low, 10 ** high]
}

/** Every power of ten in [min, max]: a log axis's ticks, one per decade. */
export function decadeSplits(min, max) {
  const splits = []
  for (let exponent = Math.ceil(Math.log10(min) - 1e-9); 10 ** exponent <= max * (1 + 1e-9); exponent++) {
    splits.push(10 ** exponent)
  }
  return splits
}

/** A decade's label: 0.001 to 1000 written out, beyond that 1e-5 or 1e+6. */
export function decadeLabel(value) {
  const exponent = Math.round(Math.log10(value))
  return exponent >= -3 && exponent <= 3
    ? String(Number(value.toPrecision(1)))
    : `1e${exponent < 0 ? '' : '+'}${exponent}`
}

/** The x axes a chart can have: the field of the run's records each reads. */
export const X_AXES = { step: 'step', epoch: 'epoch', 'wall time': 'wall_time' }

/**
 * The x of each of `steps` on the axis `axis` ('step', 'epoch' or
 * 'wall_time'), given the run's axis series `{ steps, values }` from the
 * server (undefined if the run logged none: every x is then null).
 * Wall time is interpolated linearly between the points the server kept.
 * An epoch is sent where it starts: a step between the starts of epochs e
 * and e + 1 sits at e plus the share of the way it has come, so the steps
 * of an epoch spread over [e, e + 1); the last epoch is taken to be as long
 * as the one before it (or as long as its steps so far, if it is the first).
 */
export function xOfSteps(steps, axis, series) {
  if (axis === 'step') return Array.from(steps)
  if (series === undefined || series.steps.length === 0) return steps.map(() => null)
  return axis === 'epoch' ? epochsOf(steps, series) : interpolate(steps, series)
}

function epochsOf(steps, { steps: starts, values: epochs }) {
  const last = starts.length - 1
  const lastLength = last > 0 ? starts[last] - starts[last - 1] : Math.max(steps.at(-1) - starts[last] + 1, 1)
  return steps.map((step) => {
    const k = lastAtOrBefore(starts, step)
    if (k < 0) return epochs[0]
    const span = k < last ? starts[k + 1] - starts[k] : Math.max(lastLength, step - starts[k] + 1)
    const next = k < last ? epochs[k + 1] : epochs[k] + 1
    return epochs[k] + ((step - starts[k]) / span) * (next - epochs[k])
  })
}

function interpolate(steps, { steps: at, values }) {
  return steps.map((step) => {
    const k = lastAtOrBefore(at, step)
    if (k < 0) return values[0]
    if (k === at.length - 1) return values[k]
    return values[k] + ((step - at[k]) / (at[k + 1] - at[k])) * (values[k + 1] - values[k])
  })
}

/** The index of the last of `sorted` at or before `value`; -1 if none. */
function lastAtOrBefore(sorted, value) {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] <= value) low = middle + 1
    else high = middle
  }
  return low - 1
}
