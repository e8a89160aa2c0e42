// Runs on shared axes, for a dashboard over a log directory: one chart per
// metric with every run overlaid, a legend of runs that toggles them in every
// chart, a filter box, and a readout of every visible run's value at the
// hovered step. Names and values only ever reach the page as text.
/* global uPlot, document, requestAnimationFrame, ResizeObserver */

const PALETTE = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
]
const CHART_HEIGHT = 220
const SYNC_KEY = 'gradstream-runs'

/** Run i's colour: the palette, then hues a golden angle apart. */
export function runColor(index) {
  return index < PALETTE.length ? PALETTE[index] : `hsl(${Math.round((index * 137.508) % 360)}, 55%, 45%)`
}

/** Losses span decades: log y. Everything else (rates, accuracies) linear. */
const isLogMetric = (metric) => metric === 'loss' || metric.startsWith('loss/') || metric === 'eval/loss'

const METRIC_GROUPS = [
  (m) => m === 'loss',
  (m) => m.startsWith('loss/'),
  (m) => m === 'learning_rate',
  (m) => m.startsWith('eval/'),
]
const metricGroup = (metric) => {
  const group = METRIC_GROUPS.findIndex((inGroup) => inGroup(metric))
  return group < 0 ? METRIC_GROUPS.length : group
}
const compareMetrics = (a, b) => metricGroup(a) - metricGroup(b) || (a < b ? -1 : a > b ? 1 : 0)

function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function formatValue(value) {
  return value === null || value === undefined ? '–' : String(Number(value.toPrecision(4)))
}

/**
 * The overlay view inside `main`; `exposed` is the page's inspectable state
 * (window.gradstreamDashboard.overlay). Returns the handlers of its events.
 */
export function createOverlay(main, exposed) {
  const runs = [] // { id, name, color, checked, item }
  const metrics = new Map() // metric -> { holder, chart, readout, data: Map<runId, { steps, values }> }
  let filter = ''
  let dirty = false

  const picker = element('div', 'run-picker')
  const filterBox = element('input', 'run-filter')
  filterBox.type = 'search'
  filterBox.placeholder = 'filter runs'
  filterBox.setAttribute('aria-label', 'filter runs')
  filterBox.addEventListener('input', () => {
    filter = filterBox.value.trim().toLowerCase()
    applyVisibility()
  })
  const legend = element('ul', 'run-legend')
  picker.append(filterBox, legend)
  const warnings = element('div', 'warnings')
  const charts = element('div', 'metric-charts')
  const overlay = element('section', 'overlay')
  overlay.append(picker, warnings, charts)
  main.replaceChildren(overlay)
  main.classList.add('overlay-main')
  Object.assign(exposed, { runs: {}, charts: {} })

  const visible = (run) => run.checked && run.name.toLowerCase().includes(filter)

  function addRun({ id, name }) {
    const run = { id, name, color: runColor(runs.length), checked: true }
    const item = element('li', 'run-entry')
    item.dataset.run = id
    const label = element('label')
    const box = element('input')
    box.type = 'checkbox'
    box.checked = true
    box.addEventListener('change', () => {
      run.checked = box.checked
      applyVisibility()
    })
    const swatch = element('span', 'swatch')
    swatch.style.background = run.color
    label.append(box, swatch, element('span', 'run-name', name))
    item.append(label)
    legend.append(item)
    run.item = item
    runs.push(run)
    exposed.runs[id] = { name, visible: true }
    for (const view of metrics.values()) view.chart.addSeries(seriesOptions(run), runs.length)
    scheduleRedraw()
  }

  function seriesOptions(run) {
    return { label: run.name, stroke: run.color, width: 1.5, spanGaps: true, show: visible(run) }
  }

  function applyVisibility() {
    for (const [i, run] of runs.entries()) {
      const shown = visible(run)
      run.item.hidden = !run.name.toLowerCase().includes(filter)
      exposed.runs[run.id].visible = shown
      for (const view of metrics.values()) {
        if (view.chart.series[i + 1].show !== shown) view.chart.setSeries(i + 1, { show: shown })
      }
    }
    scheduleRedraw()
  }

  function metricView(metric) {
    let view = metrics.get(metric)
    if (view !== undefined) return view
    const holder = element('div', 'metric')
    holder.dataset.metric = metric
    const plot = element('div', 'plot')
    const readout = element('div', 'readout', 'hover a chart to read every run at a step')
    holder.append(plot, readout)
    // the loss, its terms, the learning rate, then evaluation results, each group by name
    const after = [...metrics.keys()].filter((name) => compareMetrics(name, metric) > 0).sort(compareMetrics)[0]
    charts.insertBefore(holder, after === undefined ? null : metrics.get(after).holder)
    const chart = new uPlot(chartOptions(metric, plot), [[], ...runs.map(() => [])], plot)
    // the grid decides a chart's width: follow it
    new ResizeObserver(() => {
      const width = Math.max(plot.clientWidth, 300)
      if (width !== chart.width) chart.setSize({ width, height: CHART_HEIGHT })
    }).observe(plot)
    view = { holder, chart, readout, data: new Map() }
    metrics.set(metric, view)
    exposed.charts[metric] = { series: [] }
    return view
  }

  function chartOptions(metric, holder) {
    return {
      title: metric,
      width: Math.max(holder.clientWidth, 300),
      height: CHART_HEIGHT,
      scales: { x: { time: false }, y: isLogMetric(metric) ? { distr: 3 } : {} },
      legend: { show: false },
      cursor: { sync: { key: SYNC_KEY } },
      series: [{ label: 'step' }, ...runs.map(seriesOptions)],
      hooks: { setCursor: [(u) => showReadout(u, metric)] },
    }
  }

  /** Every visible run's value at the hovered step: at that step, or its nearest logged one (none outside its steps). */
  function showReadout(u, metric) {
    const idx = u.cursor.idx
    const view = metrics.get(metric)
    if (idx === null || idx === undefined || view === undefined) return
    const step = u.data[0][idx]
    view.readout.replaceChildren(element('span', 'readout-step', `step ${step}`))
    for (const run of runs) {
      const series = view.data.get(run.id)
      if (!visible(run) || series === undefined) continue
      const at = nearestIndex(series.steps, step)
      if (at === undefined) continue
      const entry = element('span', 'readout-value', `${run.name} ${formatValue(series.values[at])}`)
      entry.style.color = run.color
      view.readout.append(entry)
    }
  }

  function addSeries({ run, metric, steps, values }) {
    const view = metricView(metric)
    // a log axis cannot show values <= 0: leave a gap there
    view.data.set(run, { steps, values: isLogMetric(metric) ? values.map((v) => (v > 0 ? v : null)) : values })
    scheduleRedraw()
  }

  function addWarning(message) {
    warnings.append(element('div', 'warning', message))
  }

  function scheduleRedraw() {
    if (dirty) return
    dirty = true
    requestAnimationFrame(() => {
      dirty = false
      for (const [metric, view] of metrics) {
        const tables = runs.map((run) => {
          const series = view.data.get(run.id)
          return series === undefined ? [[], []] : [series.steps, series.values]
        })
        view.chart.setData(tables.length === 0 ? [[]] : uPlot.join(tables))
        exposed.charts[metric] = {
          series: runs.map((run, i) => ({
            run: run.id,
            show: view.chart.series[i + 1].show,
            points: view.data.get(run.id)?.steps.length ?? 0,
            last: view.data.get(run.id)?.steps.at(-1) ?? null,
          })),
        }
      }
      exposed.redraws = (exposed.redraws ?? 0) + 1
    })
  }

  return { addRun, addSeries, addWarning }
}

/** The index of the step in `steps` (increasing) nearest `step`; undefined when `step` lies outside them. */
function nearestIndex(steps, step) {
  if (steps.length === 0 || step < steps[0] || step > steps[steps.length - 1]) return undefined
  let low = 0
  let high = steps.length - 1
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (steps[middle] <= step) low = middle
    else high = middle
  }
  return step - steps[low] <= steps[high] - step ? low : high
}
