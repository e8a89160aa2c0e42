// The dashboard page: listens to the server's event stream and draws each run
// with uPlot (loaded by index.html as the global `uPlot`). Its state is kept on
// `window.gradstreamDashboard` so tests and curious users can inspect it.
// A server over a log directory says `overlay` in its hello: the runs then
// share one chart per metric (overlay.js) instead of a card each.
/* global uPlot, window, document, EventSource, requestAnimationFrame */
import { followDistributions } from './histograms.js'
import { createOverlay } from './overlay.js'

const COLORS = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7']
const SVG = 'http://www.w3.org/2000/svg'
const CHART_HEIGHT = 170

const state = { ended: false, closed: false, runs: {} }
window.gradstreamDashboard = state

const views = new Map()
let classifier = null
let overlay = null

const source = new EventSource('/events')
followDistributions(source, state) // the params' distributions of a log directory's events files
source.addEventListener('hello', (event) => start(JSON.parse(event.data)))
source.addEventListener('points', (event) => withRun(event, (view, data) => addPoints(view, data.points)))
source.addEventListener('eval', (event) => withRun(event, (view, data) => addEvals(view, data.points)))
source.addEventListener('boundary', (event) => withRun(event, (view, data) => drawBoundary(view, data)))
source.addEventListener('status', (event) => withRun(event, (view, data) => setRunState(view, data)))
source.addEventListener('warning', (event) => {
  if (overlay) overlay.addWarning(JSON.parse(event.data).message)
  else withRun(event, (view, data) => addWarning(view, data.message))
})
source.addEventListener('run', (event) => overlay?.addRun(JSON.parse(event.data)))
source.addEventListener('series', (event) => overlay?.addSeries(JSON.parse(event.data)))
source.addEventListener('axis', (event) => overlay?.addAxis(JSON.parse(event.data)))
source.addEventListener('end', () => finish('training finished', 'ended'))
source.addEventListener('bye', () => finish('the server has stopped', 'closed'))
source.onerror = () => {
  if (!state.ended && !state.closed) setStatus('connection lost, retrying…')
}
window.addEventListener('resize', () => views.forEach((view) => resizeCharts(view)))

function withRun(event, handle) {
  const data = JSON.parse(event.data)
  const view = views.get(data.run)
  if (view) handle(view, data)
}

function finish(text, flag) {
  state[flag] = true
  source.close() // otherwise EventSource reconnects when the stream ends
  setStatus(text)
}

function setStatus(text) {
  document.getElementById('status').textContent = text
}

/** A fresh page for the runs the server announces (again after a reconnect). */
function start(hello) {
  document.getElementById('title').textContent = hello.title
  document.title = `${hello.title} · gradstream`
  setStatus('training…')
  classifier = hello.classifier ?? null
  const main = document.getElementById('runs')
  main.replaceChildren()
  views.clear()
  if (hello.overlay) {
    setStatus('following the log directory')
    state.overlay = {}
    overlay = createOverlay(main, state.overlay)
    return
  }
  for (const run of hello.runs) {
    const view = createView(run)
    views.set(run.id, view)
    main.append(view.card)
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function createView(run) {
  const card = element('section', 'run')
  card.dataset.run = run.id
  const heading = element('h2', '', run.name)
  const step = element('span', 'step', 'step 0')
  const stateLabel = element('span', 'state', 'running')
  heading.append(step, stateLabel)
  const warnings = element('div', 'warnings')
  // fixed slots keep the order (loss, evaluation, boundary, learning rate, parameters) whatever arrives first
  const slots = {
    loss: element('div'),
    eval: element('div'),
    boundary: element('div'),
    learningRate: element('div'),
    params: element('div'),
  }
  card.append(heading, warnings, slots.loss, slots.eval, slots.boundary, slots.learningRate, slots.params)
  const view = {
    id: run.id,
    card,
    step,
    stateLabel,
    warnings,
    slots,
    steps: [],
    series: null,
    charts: [],
    dirty: false,
    // evaluations: their steps, and per result name its values (null where a step lacks it)
    evalSteps: [],
    evalValues: new Map(),
    evalLossSeries: false,
    evalChart: null,
  }
  state.runs[run.id] = {
    name: run.name,
    points: 0,
    step: 0,
    state: 'running',
    boundaryStep: null,
    drawnStep: null,
    evals: 0,
    evalStep: null,
    drawnEvalStep: null,
  }
  if (classifier) view.boundary = createBoundaryPanel(slots.boundary)
  return view
}

/** The charts of a run, made when its first points tell which loss terms and parameters there are. */
function createCharts(view, first) {
  // a single term is the loss itself: draw it once
  const named = Object.keys(first.losses).filter((name) => name !== 'loss')
  const terms = named.length > 1 ? named : []
  const params = Object.keys(first.params)
  view.series = {
    loss: ['loss', ...terms],
    learningRate: first.learningRate === null ? [] : ['learning rate'],
    params,
  }
  view.values = { loss: view.series.loss.map(() => []), learningRate: [[]], params: params.map(() => []) }
  view.lossChart = addChart(view, 'loss', 'loss', view.series.loss, true)
  if (view.series.learningRate.length > 0) {
    view.rateChart = addChart(view, 'learningRate', 'learning rate', view.series.learningRate, false)
  }
  if (params.length > 0) view.paramChart = addChart(view, 'params', 'parameters', params, false)
}

function addChart(view, slot, title, names, log) {
  const holder = element('div', 'chart')
  view.slots[slot].append(holder)
  const chart = new uPlot(chartOptions(title, names, log, holder), [[], ...names.map(() => [])], holder)
  view.charts.push({ chart, holder, key: title })
  return chart
}

/** Evaluation results: the latest as text, `loss` beside the training loss, the other results in a chart of their own. */
function addEvals(view, points) {
  if (points.length === 0) return
  for (const point of points) {
    const index = view.evalSteps.length
    view.evalSteps.push(point.step)
    for (const name of Object.keys(point.values)) {
      if (!view.evalValues.has(name)) view.evalValues.set(name, new Array(index).fill(null))
    }
    for (const [name, values] of view.evalValues) values.push(point.values[name] ?? null)
  }
  const last = points[points.length - 1]
  const text = Object.entries(last.values).map(([name, value]) => `${name} ${formatValue(value)}`)
  view.evalLatest ??= view.slots.eval.appendChild(element('div', 'eval-latest'))
  view.evalLatest.textContent = `eval at step ${last.step}: ${text.join(' · ')}`
  Object.assign(state.runs[view.id], { evals: view.evalSteps.length, evalStep: last.step })
  scheduleRedraw(view)
}

function formatValue(value) {
  return value === null ? 'NaN' : String(Number(value.toPrecision(4)))
}

/** Adds what the evaluations so far need: an eval loss line in the loss chart, a chart of the other results. */
function ensureEvalCharts(view) {
  if (view.evalValues.has('loss') && !view.evalLossSeries) {
    const color = COLORS[view.series.loss.length % COLORS.length]
    view.lossChart.addSeries({ label: 'eval loss', stroke: color, width: 2, dash: [6, 4], spanGaps: true })
    view.evalLossSeries = true
  }
  const metrics = [...view.evalValues.keys()].filter((name) => name !== 'loss')
  if (metrics.length === 0) return
  if (view.evalChart === null) {
    view.evalChart = addChart(view, 'eval', 'evaluation', metrics, false)
    view.evalChartSeries = metrics
  }
  for (const name of metrics.filter((name) => !view.evalChartSeries.includes(name))) {
    const color = COLORS[view.evalChartSeries.length % COLORS.length]
    view.evalChart.addSeries({ label: name, stroke: color, width: 1.5, spanGaps: true })
    view.evalChartSeries.push(name)
  }
}

function chartOptions(title, names, log, holder) {
  return {
    title,
    width: Math.max(holder.clientWidth, 300),
    height: CHART_HEIGHT,
    scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
    axes: [{}, {}],
    legend: { live: false },
    series: [
      { label: 'step' },
      ...names.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true })),
    ],
  }
}

function addPoints(view, points) {
  if (points.length === 0) return
  if (view.series === null) createCharts(view, points[0])
  for (const point of points) {
    view.steps.push(point.step)
    // a log axis cannot show values <= 0: leave a gap there
    view.series.loss.forEach((name, i) =>
      view.values.loss[i].push(positive(name === 'loss' ? point.loss : point.losses[name])),
    )
    view.values.learningRate[0].push(point.learningRate)
    view.series.params.forEach((name, i) => view.values.params[i].push(point.params[name] ?? null))
  }
  const last = points[points.length - 1]
  view.step.textContent = `step ${last.step}`
  Object.assign(state.runs[view.id], { points: view.steps.length, step: last.step })
  view.card.dataset.step = String(last.step)
  scheduleRedraw(view)
}

function positive(value) {
  return typeof value === 'number' && value > 0 ? value : null
}

function scheduleRedraw(view) {
  if (view.dirty) return
  view.dirty = true
  requestAnimationFrame(() => {
    view.dirty = false
    if (view.lossChart === undefined) return // evaluations before any point: drawn with the first points
    ensureEvalCharts(view)
    const training = [view.steps, ...view.values.loss]
    view.lossChart.setData(
      view.evalLossSeries
        ? uPlot.join([training, [view.evalSteps, view.evalValues.get('loss').map(positive)]])
        : training,
    )
    if (view.evalChart !== null) {
      view.evalChart.setData([view.evalSteps, ...view.evalChartSeries.map((name) => view.evalValues.get(name))])
    }
    state.runs[view.id].drawnEvalStep = view.evalSteps[view.evalSteps.length - 1] ?? null
    view.rateChart?.setData([view.steps, ...view.values.learningRate])
    view.paramChart?.setData([view.steps, ...view.values.params])
    state.runs[view.id].drawnStep = view.steps[view.steps.length - 1]
  })
}

function resizeCharts(view) {
  for (const { chart, holder } of view.charts)
    chart.setSize({ width: Math.max(holder.clientWidth, 300), height: CHART_HEIGHT })
}

function setRunState(view, { state: runState, step, message }) {
  view.stateLabel.textContent = runState === 'failed' ? `failed: ${message}` : runState
  view.card.dataset.state = runState
  Object.assign(state.runs[view.id], { state: runState, step })
}

function addWarning(view, message) {
  view.warnings.append(element('div', 'warning', message))
}

/** The data as a scatter plot in data coordinates; the boundary is redrawn into `lines`. */
function createBoundaryPanel(slot) {
  const panel = element('div', 'boundary')
  const [x0, x1] = classifier.x
  const [y0, y1] = classifier.y
  const svg = document.createElementNS(SVG, 'svg')
  // y grows upward in data, downward in SVG: flip inside a group
  svg.setAttribute('viewBox', `${x0} ${-y1} ${x1 - x0} ${y1 - y0}`)
  const flipped = document.createElementNS(SVG, 'g')
  flipped.setAttribute('transform', 'scale(1 -1)')
  const radius = (x1 - x0) / 120
  classifier.points.forEach(([x, y], i) => {
    const dot = document.createElementNS(SVG, 'circle')
    Object.entries({
      cx: x,
      cy: y,
      r: radius,
      fill: classifier.colors[i],
      stroke: 'white',
      'stroke-width': radius / 4,
    }).forEach(([name, value]) => dot.setAttribute(name, String(value)))
    flipped.append(dot)
  })
  const lines = document.createElementNS(SVG, 'g')
  lines.setAttribute('fill', 'none')
  lines.setAttribute('stroke', 'black')
  lines.setAttribute('stroke-width', String(radius / 2))
  flipped.append(lines)
  svg.append(flipped)
  const caption = element('div', 'step', 'decision boundary')
  panel.append(caption, svg)
  slot.append(panel)
  return { panel, lines, caption }
}

function drawBoundary(view, { step, lines }) {
  if (!view.boundary) return
  view.boundary.lines.replaceChildren(
    ...lines.map((line) => {
      const path = document.createElementNS(SVG, 'path')
      path.setAttribute('class', 'contour')
      path.setAttribute('d', line.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(''))
      return path
    }),
  )
  view.boundary.caption.textContent = `decision boundary at step ${step}`
  state.runs[view.id].boundaryStep = step
}
