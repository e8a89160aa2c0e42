// The params' distributions of a log directory's runs, from the histograms
// of their TensorBoard events files: for the param chosen in a menu, one
// chart per visible run of its distribution over the steps, drawn as
// TensorBoard's Distributions dashboard draws it. At each logged step the
// server sends nine points of the histogram (minimum; the values below which
// 6.68%, 15.87%, 30.85%, 50%, 69.15%, 84.13% and 93.32% of the weights lie,
// the fractions a normal distribution has within ±0.5, ±1 and ±1.5 standard
// deviations; maximum); nested bands fill between each pair around the
// median line, deeper towards the middle. The charts share their x range,
// and hovering one reads the step's points out. Names and values only ever
// reach the page as text.
/* global uPlot, document, Option, ResizeObserver, requestAnimationFrame */
import { runColor } from './overlay.js'

const CHART_HEIGHT = 190
/** Point pairs filled between, outermost first: min-max, then the ±1.5σ, ±1σ and ±0.5σ fractions. */
const BANDS = [
  [0, 8],
  [1, 7],
  [2, 6],
  [3, 5],
]
const MEDIAN = 4
const SWATCH_ALPHA = '30' // each band's fill, as the hex alpha of the run's colour; overlaps deepen the middle

function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

const formatValue = (value) => String(Number(value.toPrecision(4)))

/**
 * Follows the `distribution` events of `source` (EventSource) and draws
 * them into the page's overlay column; `state` (window.gradstreamDashboard)
 * gets `distributions`, its inspectable state. A hello (the page rebuilt
 * after a reconnect) starts over: the server then sends everything anew.
 */
export function followDistributions(source, state) {
  let view = null
  let runs = new Map() // runId -> { name, color }
  source.addEventListener('hello', () => {
    view?.remove()
    view = null
    runs = new Map()
  })
  source.addEventListener('run', (event) => {
    const { id, name } = JSON.parse(event.data)
    runs.set(id, { name, color: runColor(runs.size) })
  })
  source.addEventListener('distribution', (event) => {
    state.distributions ??= {}
    view ??= createView(runs, state.distributions)
    view.add(JSON.parse(event.data))
  })
  // the overlay's legend and filter box decide which runs are visible: follow them
  const followVisibility = () => view?.applyVisibility((runId) => state.overlay?.runs?.[runId]?.visible !== false)
  document.addEventListener('change', followVisibility)
  document.addEventListener('input', followVisibility)
}

function createView(runs, exposed) {
  const data = new Map() // tag -> runId -> { steps, points }
  const charts = new Map() // runId -> { holder, chart, resizes }
  let visibleRun = () => true
  let dirty = false

  const section = element('section', 'distributions-section')
  const heading = element('div', 'distributions-heading')
  const picker = element('select', 'distribution-tag')
  picker.setAttribute('aria-label', 'param whose distribution is drawn')
  heading.append(element('h2', '', 'params'), picker)
  const caption = 'bands: min–max, then 6.68–93.32%, 15.87–84.13% and 30.85–69.15% of the weights; line: the median'
  const grid = element('div', 'distribution-charts')
  section.append(heading, element('div', 'distribution-caption', caption), grid)
  picker.addEventListener('change', () => rebuild())
  Object.assign(exposed, { tags: [], tag: null, charts: {} })

  function mount() {
    if (section.isConnected) return
    const column = document.querySelector('.overlay-column')
    const before = column?.querySelector('.hparams-section') ?? null
    if (column) column.insertBefore(section, before)
    else document.getElementById('runs').append(section)
  }

  function add({ run, tag, steps, points }) {
    if (!data.has(tag)) {
      data.set(tag, new Map())
      const tags = [...data.keys()].sort()
      const chosen = picker.value || tags[0]
      picker.replaceChildren(...tags.map((name) => new Option(name, name)))
      picker.value = chosen
      exposed.tags = tags
    }
    data.get(tag).set(run, { steps, points })
    mount()
    if (tag === picker.value) scheduleRender()
  }

  function destroyCharts() {
    for (const { chart, resizes } of charts.values()) {
      resizes.disconnect()
      chart.destroy()
    }
    charts.clear()
    grid.replaceChildren()
  }

  /** Charts anew for the chosen param: one per run that has it, in the order of the runs. */
  function rebuild() {
    destroyCharts()
    exposed.charts = {}
    exposed.tag = picker.value || null
    const byRun = data.get(picker.value) ?? new Map()
    for (const [runId, run] of runs) if (byRun.has(runId)) charts.set(runId, createChart(runId, run))
    scheduleRender()
  }

  function createChart(runId, run) {
    const holder = element('div', 'distribution')
    holder.dataset.run = runId
    const title = element('div', 'distribution-title')
    const swatch = element('span', 'swatch')
    swatch.style.background = run.color
    title.append(swatch, element('span', 'run-name', run.name))
    const plot = element('div', 'plot')
    const readout = element('div', 'readout', 'hover to read the distribution at a step')
    holder.append(title, plot, readout)
    grid.append(holder)
    const fill = `${run.color}${SWATCH_ALPHA}`
    const options = {
      width: Math.max(plot.clientWidth, 300),
      height: CHART_HEIGHT,
      scales: { x: { time: false, range: () => sharedSteps() }, y: { range: () => sharedValues() } },
      axes: [{}, { space: 20 }],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: 'step' },
        ...Array.from({ length: 9 }, (_, i) => ({
          stroke: i === MEDIAN ? run.color : 'transparent',
          width: i === MEDIAN ? 1.5 : 0,
          points: { show: false },
        })),
      ],
      // uPlot's series are 1-based: point i is series i + 1
      bands: BANDS.map(([low, high]) => ({ series: [high + 1, low + 1], fill })),
      hooks: { setCursor: [(u) => showReadout(u, readout)] },
    }
    const chart = new uPlot(options, [[], ...Array.from({ length: 9 }, () => [])], plot)
    // the grid decides a chart's width: follow it
    const resizes = new ResizeObserver(() => {
      const width = Math.max(plot.clientWidth, 300)
      if (width !== chart.width) chart.setSize({ width, height: CHART_HEIGHT })
    })
    resizes.observe(plot)
    exposed.charts[runId] = { steps: 0, shown: true }
    return { holder, chart, resizes }
  }

  /** The steps every drawn run covers, so that their charts line up. */
  function sharedSteps() {
    return sharedRange((steps) => [steps[0], steps[steps.length - 1]], 0)
  }

  /** The values of every drawn run, a little padded: one param's runs compare on one scale. */
  function sharedValues() {
    return sharedRange(
      (steps, points) => [Math.min(...points.map((p) => p[0])), Math.max(...points.map((p) => p[8]))],
      0.05,
    )
  }

  function sharedRange(extent, padding) {
    let low = Infinity
    let high = -Infinity
    for (const [runId, { holder }] of charts) {
      const series = data.get(picker.value)?.get(runId)
      if (holder.hidden || series === undefined || series.steps.length === 0) continue
      const [min, max] = extent(series.steps, series.points)
      low = Math.min(low, min)
      high = Math.max(high, max)
    }
    if (low === Infinity) return [0, 1]
    if (low === high) return [low - 1, high + 1]
    const margin = (high - low) * padding
    return [low - margin, high + margin]
  }

  function showReadout(u, readout) {
    const i = u.cursor.idx
    if (i === null || i === undefined) return
    const step = u.data[0][i]
    const at = (k) => formatValue(u.data[k + 1][i])
    readout.replaceChildren(
      element('span', 'readout-step', `step ${step}`),
      element('span', '', `min ${at(0)}`),
      element('span', '', `median ${at(MEDIAN)}`),
      element('span', '', `max ${at(8)}`),
    )
  }

  function scheduleRender() {
    if (dirty) return
    dirty = true
    requestAnimationFrame(() => {
      dirty = false
      render()
    })
  }

  function render() {
    const byRun = data.get(picker.value) ?? new Map()
    const missing = [...byRun.keys()].some((runId) => runs.has(runId) && !charts.has(runId))
    if (exposed.tag !== (picker.value || null) || missing) {
      rebuild()
      return
    }
    for (const [runId, { holder, chart }] of charts) {
      const { steps, points } = byRun.get(runId)
      holder.hidden = !visibleRun(runId)
      chart.setData([steps, ...Array.from({ length: 9 }, (_, k) => points.map((p) => p[k]))])
      Object.assign(exposed.charts[runId], { steps: steps.length, shown: !holder.hidden })
    }
    exposed.renders = (exposed.renders ?? 0) + 1
  }

  function applyVisibility(isVisible) {
    visibleRun = isVisible
    scheduleRender()
  }

  function remove() {
    destroyCharts()
    section.remove()
  }

  return { add, applyVisibility, remove }
}
