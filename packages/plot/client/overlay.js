// Runs on shared axes, for both servers (a log directory, runs in the
// process): one chart per metric with every run overlaid (metricChart.js),
// a legend of runs that toggles them in every chart and says how each run
// ended, a filter box, the settings every chart shares (x as step, epoch or
// wall time; linear or log y; TensorBoard's smoothing), a decision-boundary
// panel for a live classifier (boundaryPanel.js) and a table of the runs'
// hyper-parameters. Names and values only ever reach the page as text.
/* global requestAnimationFrame, Option, CSS */
import { createBoundaryPanel } from './boundaryPanel.js'
import { X_AXES } from './chartScales.js'
import { createHParamsTable, lowerIsBetter } from './hparamsTable.js'
import { createMetricChart, element, splice } from './metricChart.js'

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
 * (window.gradstreamDashboard.overlay); `classifier` is the hello's data of
 * a live 2-D classifier, or undefined. Returns the handlers of its events.
 */
export function createOverlay(main, exposed, classifier) {
  const runs = [] // { id, name, color, checked, hparams, item, stateLabel }
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
  column.append(toolbar, warnings, notes, charts)
  const boundarySteps = {} // runId -> the step of its boundary drawn
  let boundaries = null
  if (classifier) {
    const section = element('section', 'boundary-section')
    boundaries = createBoundaryPanel(section, classifier, boundarySteps)
    column.append(section)
  }
  column.append(hparams)
  const overlay = element('section', 'overlay')
  overlay.append(picker, column)
  main.replaceChildren(overlay)
  Object.assign(exposed, { runs: {}, charts: {}, settings, boundaries: boundarySteps })

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
    run.stateLabel = element('span', 'run-state')
    label.append(box, swatch, element('span', 'run-name', name), run.stateLabel)
    item.append(label)
    legend.append(item)
    run.item = item
    runs.push(run)
    exposed.runs[id] = { name, visible: true, state: 'running', step: null }
    for (const view of metrics.values()) view.addRun(run)
    boundaries?.addRun(run)
    scheduleRedraw()
  }

  /** A run of this process ended: its state beside its name. */
  function setRunState({ run: runId, state, step, message }) {
    const run = runs.find((r) => r.id === runId)
    if (run === undefined) return
    run.stateLabel.textContent = state === 'failed' ? `failed at step ${step}: ${message}` : state
    run.item.dataset.state = state
    Object.assign(exposed.runs[runId], { state, step })
  }

  function drawBoundary({ run, step, lines }) {
    boundaries?.draw(run, step, lines)
  }

  function applyVisibility() {
    for (const run of runs) {
      run.item.hidden = !run.name.toLowerCase().includes(filter)
      exposed.runs[run.id].visible = visible(run)
    }
    boundaries?.applyVisibility((runId) => exposed.runs[runId].visible)
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

  /** A series event: the points from index `keep` on are replaced by those sent (keep 0: the series whole). */
  function addSeries({ run, metric, keep, steps, values, min, max }) {
    metricView(metric).setSeries(run, keep, steps, values, min, max)
    scheduleRedraw()
  }

  function addAxis({ run, axis, keep, steps, values }) {
    const runAxes = axes.get(run) ?? {}
    runAxes[axis] = splice(runAxes[axis], keep, steps, values)
    axes.set(run, runAxes)
    scheduleRedraw()
  }

  /** A warning of the server (`run` null) or of one run, named before it. */
  function addWarning({ run: runId, message }) {
    const run = runs.find((r) => r.id === runId)
    warnings.append(element('div', 'warning', run === undefined ? message : `${run.name}: ${message}`))
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

  return { addRun, addSeries, addAxis, addWarning, setRunState, drawBoundary }
}
