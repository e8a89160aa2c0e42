// Runs on shared axes, for a dashboard over a log directory: one chart per
// metric with every run overlaid (metricChart.js), a legend of runs that
// toggles them in every chart, a filter box, the settings every chart shares
// (x as step, epoch or wall time; linear or log y; TensorBoard's smoothing)
// and a table of the runs' hyper-parameters. Names and values only ever
// reach the page as text.
/* global requestAnimationFrame, Option, CSS */
import { X_AXES } from './chartScales.js'
import { createHParamsTable, lowerIsBetter } from './hparamsTable.js'
import { createMetricChart, element } from './metricChart.js'

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
/** TensorBoard's default smoothing weight. */
const DEFAULT_SMOOTHING = 0.6

/** Run i's colour: the palette, then hues a golden angle apart. */
export function runColor(index) {
  return index < PALETTE.length ? PALETTE[index] : `hsl(${Math.round((index * 137.508) % 360)}, 55%, 45%)`
}

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

/** A labelled control of the toolbar. */
function control(labelText, input) {
  const label = element('label', 'control')
  label.append(element('span', '', labelText), input)
  return label
}

function select(className, choices) {
  const box = element('select', className)
  box.append(...choices.map(([text, value]) => new Option(text, value)))
  return box
}

/**
 * The overlay view inside `main`; `exposed` is the page's inspectable state
 * (window.gradstreamDashboard.overlay). Returns the handlers of its events.
 */
export function createOverlay(main, exposed) {
  const runs = [] // { id, name, color, checked, hparams, item }
  const axes = new Map() // runId -> { epoch?, wall_time? }: { steps, values }
  const metrics = new Map() // metric -> the chart's view
  const settings = { x: 'step', y: 'auto', smoothing: DEFAULT_SMOOTHING }
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

  const toolbar = element('div', 'toolbar')
  const xBox = select('x-axis', Object.entries(X_AXES))
  const yBox = select('y-scale', [
    ['auto (log for losses)', 'auto'],
    ['linear', 'linear'],
    ['log', 'log'],
  ])
  const slider = element('input', 'smoothing')
  Object.assign(slider, { type: 'range', min: '0', max: '0.999', step: '0.001', value: String(DEFAULT_SMOOTHING) })
  const weight = element('output', 'smoothing-value', String(DEFAULT_SMOOTHING))
  const smoothing = control('smoothing', slider)
  smoothing.append(weight)
  toolbar.append(control('x', xBox), control('y', yBox), smoothing)
  const rebuild = () => {
    settings.x = xBox.value
    settings.y = yBox.value
    for (const view of metrics.values()) view.build()
    scheduleRedraw()
  }
  xBox.addEventListener('change', rebuild)
  yBox.addEventListener('change', rebuild)
  slider.addEventListener('input', () => {
    settings.smoothing = Number(slider.value)
    weight.textContent = slider.value
    scheduleRedraw()
  })

  const warnings = element('div', 'warnings')
  const notes = element('div', 'constant-notes')
  const charts = element('div', 'metric-charts')
  const hparams = element('section', 'hparams-section')
  const table = createHParamsTable(hparams)
  const column = element('div', 'overlay-column')
  column.append(toolbar, warnings, notes, charts, hparams)
  const overlay = element('section', 'overlay')
  overlay.append(picker, column)
  main.replaceChildren(overlay)
  main.classList.add('overlay-main')
  Object.assign(exposed, { runs: {}, charts: {}, settings })

  const visible = (run) => run.checked && run.name.toLowerCase().includes(filter)
  const page = {
    runs,
    settings,
    visible,
    charts,
    notes,
    axesOf: (runId) => axes.get(runId) ?? {},
    // the loss, its terms, the learning rate, then evaluation results, each group by name
    insertBefore: (metric) => {
      const after = [...metrics.keys()].filter((name) => compareMetrics(name, metric) > 0).sort(compareMetrics)[0]
      return after === undefined ? null : charts.querySelector(`.metric[data-metric="${CSS.escape(after)}"]`)
    },
  }

  function addRun({ id, name, hparams: runHParams }) {
    const run = { id, name, color: runColor(runs.length), checked: true, hparams: runHParams ?? {} }
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
    for (const view of metrics.values()) view.addRun(run)
    scheduleRedraw()
  }

  function applyVisibility() {
    for (const run of runs) {
      run.item.hidden = !run.name.toLowerCase().includes(filter)
      exposed.runs[run.id].visible = visible(run)
    }
    scheduleRedraw()
  }

  function metricView(metric) {
    let view = metrics.get(metric)
    if (view !== undefined) return view
    exposed.charts[metric] = {}
    view = createMetricChart(metric, { ...page, exposed: exposed.charts[metric] })
    metrics.set(metric, view)
    return view
  }

  function addSeries({ run, metric, steps, values, min, max }) {
    metricView(metric).setSeries(steps, values, min, max, run)
    scheduleRedraw()
  }

  function addAxis({ run, axis, steps, values }) {
    axes.set(run, { ...axes.get(run), [axis]: { steps, values } })
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
      for (const view of metrics.values()) view.render()
      const names = [...metrics.keys()].sort(compareMetrics)
      table.update(
        runs.map((run) => ({
          ...run,
          shown: visible(run),
          summary: (metric) => metrics.get(metric)?.summary(run.id, lowerIsBetter(metric)),
        })),
        names,
      )
      exposed.redraws = (exposed.redraws ?? 0) + 1
    })
  }

  return { addRun, addSeries, addAxis, addWarning }
}
