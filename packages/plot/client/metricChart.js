// One metric's chart on the log-directory page: every run overlaid, the
// smoothed line over the raw one drawn faint, drag to zoom (kept while new
// points arrive) and double-click to reset, log y labelled at each decade,
// a readout of every visible run at the hovered x, downloads of the points
// as drawn, and a one-line note instead of a chart when the metric is
// constant in every run. Names and values only ever reach the page as text.
/* global uPlot, document, ResizeObserver */
import { chartCsv, chartJson, download } from './chartExport.js'
import { decadeLabel, decadeRange, decadeSplits, xOfSteps } from './chartScales.js'
import { debiasedSmoothing } from './smoothing.js'

const CHART_HEIGHT = 220
const SYNC_KEY = 'gradstream-runs'
const X_LABELS = { step: 'step', epoch: 'epoch', wall_time: 'wall time' }

export function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

export function formatValue(value) {
  return value === null || value === undefined ? '–' : String(Number(value.toPrecision(4)))
}

function formatX(x, axis) {
  if (axis === 'wall_time') return new Date(x * 1000).toISOString().replace('T', ' ').slice(0, 19)
  return axis === 'epoch' ? String(Number(x.toFixed(2))) : String(x)
}

/** Losses span decades: log y when the y scale is 'auto'. Everything else (rates, accuracies) linear. */
const isLossMetric = (metric) => metric === 'loss' || metric.startsWith('loss/') || metric === 'eval/loss'

/**
 * A series after an update from the server: its first `keep` points, then
 * `steps` and `values` (in place: the page holds one copy, as many points
 * as the server's downsampled view).
 */
export function splice(series, keep, steps, values) {
  const held = series ?? { steps: [], values: [] }
  held.steps.length = keep
  held.values.length = keep
  for (let i = 0; i < steps.length; i++) {
    held.steps.push(steps[i])
    held.values.push(values[i])
  }
  return held
}

/** True when every run's points have one value, and some run has more than one point. */
function isConstant(series) {
  const all = [...series]
  return all.some((s) => s.values.length > 1) && all.every((s) => s.values.every((v) => v === s.values[0]))
}

/**
 * The view of `metric`; `page` gives the runs (`runs`, `visible(run)`,
 * `axesOf(runId)`), the settings (`settings`: `{ x, y, smoothing }`), the
 * containers (`charts`, `notes`, `insertBefore(metric)`) and `exposed`,
 * the inspectable state of this chart.
 */
export function createMetricChart(metric, page) {
  const data = new Map() // runId -> { steps, values, min, max }: the server's downsampled view, updated in place
  const holder = element('div', 'metric')
  holder.dataset.metric = metric
  const bar = element('div', 'metric-bar')
  const csv = element('button', 'download-csv', 'CSV')
  const json = element('button', 'download-json', 'JSON')
  csv.title = 'download the points as drawn, as CSV'
  json.title = 'download the points as drawn, as JSON'
  bar.append(element('span', 'metric-title', metric), csv, json)
  const plot = element('div', 'plot')
  const readout = element('div', 'readout', 'hover a chart to read every run at a step')
  holder.append(bar, plot, readout)
  const note = element('div', 'constant-note')
  note.dataset.metric = metric
  note.hidden = true
  page.charts.insertBefore(holder, page.insertBefore(metric))
  page.notes.append(note)
  const fileName = metric.replace(/[^\w.-]+/g, '_')
  csv.addEventListener('click', () => download(document, `${fileName}.csv`, 'text/csv', chartCsv(table())))
  json.addEventListener('click', () => download(document, `${fileName}.json`, 'application/json', chartJson(table())))

  let chart = null
  let drawn = new Map() // runId -> { steps, xs, values, smoothed } as drawn
  let zoom = null // [min, max] of x while zoomed in
  let settingData = false
  let logY = false

  function build() {
    chart?.destroy()
    const { x, y } = page.settings
    logY = y === 'log' || (y === 'auto' && isLossMetric(metric))
    zoom = null
    page.exposed.yLabels = null
    const options = {
      width: Math.max(plot.clientWidth, 300),
      height: CHART_HEIGHT,
      scales: {
        x: { time: x === 'wall_time' },
        y: logY ? { distr: 3, log: 10, range: (u, min, max) => decadeRange(min, max) } : {},
      },
      axes: [
        { label: X_LABELS[x] },
        logY
          ? {
              splits: (u, i, min, max) => decadeSplits(min, max),
              // the labels drawn, kept for tests and curious users (the axis is on the canvas)
              values: (u, splits) => (page.exposed.yLabels = splits.map(decadeLabel)),
            }
          : {},
      ],
      legend: { show: false },
      cursor: { sync: { key: SYNC_KEY }, drag: { x: true, y: false, setScale: true } },
      series: [{ label: X_LABELS[x] }, ...page.runs.flatMap((run) => seriesOptions(run))],
      hooks: { setCursor: [showReadout], setScale: [noteZoom] },
    }
    chart = new uPlot(options, [[], ...page.runs.flatMap(() => [[], []])], plot)
    // double-click resets the zoom (uPlot's own), also for the data that arrives after
    chart.over.addEventListener('dblclick', () => (zoom = null))
    render()
  }

  /** Run i has two series: its raw values, faint (1 + 2i), and the smoothed line (2 + 2i). */
  function seriesOptions(run) {
    const shown = page.visible(run)
    return [
      {
        label: `${run.name} (raw)`,
        stroke: run.color,
        alpha: 0.25,
        width: 1,
        spanGaps: true,
        show: shown && page.settings.smoothing > 0,
      },
      { label: run.name, stroke: run.color, width: 1.5, spanGaps: true, show: shown },
    ]
  }

  function noteZoom(u, key) {
    if (key !== 'x' || settingData) return
    const xs = u.data[0]
    const { min, max } = u.scales.x
    const whole = xs.length === 0 || (min <= xs[0] && max >= xs[xs.length - 1])
    zoom = whole ? null : [min, max]
    page.exposed.zoom = zoom
  }

  function addRun(run) {
    chart.addSeries(seriesOptions(run)[0], 2 * page.runs.length - 1)
    chart.addSeries(seriesOptions(run)[1], 2 * page.runs.length)
  }

  function setSeries(run, keep, steps, values, min, max) {
    data.set(run, Object.assign(splice(data.get(run), keep, steps, values), { min, max }))
  }

  /** The points of every run as drawn now: x on the chosen axis, increasing; values smoothed. */
  function drawPoints() {
    const { x, smoothing } = page.settings
    drawn = new Map()
    for (const run of page.runs) {
      const series = data.get(run.id)
      if (series === undefined) continue
      const xs = xOfSteps(series.steps, x, page.axesOf(run.id)[x])
      const smoothed = debiasedSmoothing(series.values, smoothing)
      const kept = { steps: [], xs: [], values: [], smoothed: [] }
      series.steps.forEach((step, i) => {
        // a run with no such axis, or one whose x goes back (a clock set back), leaves those points out
        if (xs[i] === null || (kept.xs.length > 0 && xs[i] <= kept.xs[kept.xs.length - 1])) return
        kept.steps.push(step)
        kept.xs.push(xs[i])
        kept.values.push(series.values[i])
        kept.smoothed.push(smoothed[i])
      })
      drawn.set(run.id, kept)
    }
  }

  function render() {
    const constant = isConstant(data.values())
    holder.hidden = constant
    note.hidden = !constant
    if (constant) showConstant()
    drawPoints()
    // a log axis cannot show values <= 0: leave a gap there
    const positive = (values) => (logY ? values.map((v) => (v > 0 ? v : null)) : values)
    const tables = page.runs.map((run) => {
      const points = drawn.get(run.id)
      return points === undefined ? [[], [], []] : [points.xs, positive(points.values), positive(points.smoothed)]
    })
    settingData = true
    chart.setData(tables.length === 0 ? [[]] : uPlot.join(tables))
    if (zoom !== null) chart.setScale('x', { min: zoom[0], max: zoom[1] })
    settingData = false
    page.runs.forEach((run, i) => {
      const shown = page.visible(run)
      if (chart.series[2 * i + 1].show !== (shown && page.settings.smoothing > 0)) {
        chart.setSeries(2 * i + 1, { show: shown && page.settings.smoothing > 0 })
      }
      if (chart.series[2 * i + 2].show !== shown) chart.setSeries(2 * i + 2, { show: shown })
    })
    Object.assign(page.exposed, {
      constant,
      x: page.settings.x,
      log: logY,
      zoom,
      series: page.runs.map((run, i) => ({
        run: run.id,
        show: chart.series[2 * i + 2].show,
        rawShow: chart.series[2 * i + 1].show,
        points: data.get(run.id)?.steps.length ?? 0,
        last: data.get(run.id)?.steps.at(-1) ?? null,
        // the arrays drawn, not copies
        steps: drawn.get(run.id)?.steps ?? [],
        values: drawn.get(run.id)?.values ?? [],
        smoothed: drawn.get(run.id)?.smoothed ?? [],
      })),
    })
  }

  function showConstant() {
    note.replaceChildren(element('span', 'metric-title', metric), element('span', 'constant-label', 'constant'))
    for (const run of page.runs) {
      const series = data.get(run.id)
      if (series === undefined || !page.visible(run)) continue
      const value = element('span', 'readout-value', `${run.name} ${formatValue(series.values[0])}`)
      value.style.color = run.color
      note.append(value)
    }
  }

  /** Every visible run's value at the hovered x (its nearest drawn point; none outside its points). */
  function showReadout(u) {
    const idx = u.cursor.idx
    if (idx === null || idx === undefined) return
    const x = u.data[0][idx]
    const axis = page.settings.x
    readout.replaceChildren(element('span', 'readout-step', `${X_LABELS[axis]} ${formatX(x, axis)}`))
    for (const run of page.runs) {
      const points = drawn.get(run.id)
      if (!page.visible(run) || points === undefined) continue
      const at = nearestIndex(points.xs, x)
      if (at === undefined) continue
      const smooth = formatValue(points.smoothed[at])
      const raw = formatValue(points.values[at])
      const text = smooth === raw ? `${run.name} ${raw}` : `${run.name} ${smooth} (raw ${raw})`
      const entry = element('span', 'readout-value', text)
      entry.style.color = run.color
      readout.append(entry)
    }
  }

  /** The points as drawn, of the visible runs: what the downloads hold. */
  function table() {
    const runs = page.runs
      .filter((run) => page.visible(run) && drawn.has(run.id))
      .map((run) => ({ name: run.name, ...drawn.get(run.id) }))
    return { metric, x: page.settings.x, smoothing: page.settings.smoothing, runs }
  }

  /** The final value and the best (smallest for a loss or error, else largest) over every logged step. */
  function summary(runId, lowerIsBetter) {
    const series = data.get(runId)
    if (series === undefined || series.values.length === 0) return undefined
    return { final: series.values.at(-1), best: lowerIsBetter ? series.min : series.max }
  }

  // the grid decides a chart's width: follow it
  new ResizeObserver(() => {
    const width = Math.max(plot.clientWidth, 300)
    if (chart !== null && width !== chart.width) chart.setSize({ width, height: CHART_HEIGHT })
  }).observe(plot)
  build()

  return { build, render, addRun, setSeries, summary }
}

/** The index of the x in `xs` (increasing) nearest `x`; undefined when `x` lies outside them. */
function nearestIndex(xs, x) {
  if (xs.length === 0 || x < xs[0] || x > xs[xs.length - 1]) return undefined
  let low = 0
  let high = xs.length - 1
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (xs[middle] <= x) low = middle
    else high = middle
  }
  return x - xs[low] <= xs[high] - x ? low : high
}
