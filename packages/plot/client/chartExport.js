// A chart's data as plotted, as CSV or JSON text for a download.
/* global Blob, setTimeout */

/**
 * `table` is what a chart draws: `{ metric, x, smoothing, runs: [{ name,
 * steps, xs, values, smoothed }] }` for its visible runs, `x` naming the
 * x axis ('step', 'epoch' or 'wall_time'). CSV has one row per point:
 * `run,step,value,smoothed`, with the x column after `step` when x is not
 * the step; names are quoted as RFC 4180 says and nothing else is changed.
 *
 * @example
 * chartCsv({ metric: 'loss', x: 'step', smoothing: 0, runs: [{ name: 'a', steps: [1], xs: [1], values: [2], smoothed: [2] }] })
 * // 'run,step,value,smoothed\n"a",1,2,2\n'
 */
export function chartCsv(table) {
  const withX = table.x !== 'step'
  const header = ['run', 'step', ...(withX ? [table.x] : []), 'value', 'smoothed']
  const lines = [header.join(',')]
  for (const run of table.runs) {
    const name = `"${run.name.replaceAll('"', '""')}"`
    run.steps.forEach((step, i) => {
      lines.push([name, step, ...(withX ? [run.xs[i]] : []), run.values[i], run.smoothed[i]].join(','))
    })
  }
  return `${lines.join('\n')}\n`
}

/**
 * The same points as JSON: `{ metric, x, smoothing, runs: [{ run, points:
 * [{ step, value, smoothed }] }] }`, each point with its `x` too when x is
 * not the step.
 */
export function chartJson(table) {
  const withX = table.x !== 'step'
  const runs = table.runs.map((run) => ({
    run: run.name,
    points: run.steps.map((step, i) => ({
      step,
      ...(withX ? { [table.x]: run.xs[i] } : {}),
      value: run.values[i],
      smoothed: run.smoothed[i],
    })),
  }))
  return `${JSON.stringify({ metric: table.metric, x: table.x, smoothing: table.smoothing, runs }, null, 2)}\n`
}

/** Offers `text` as a file named `name` (the browser's download). */
export function download(document, name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
