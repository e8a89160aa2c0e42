// The decision-boundary panel of a live 2-D classifier: per run, the
// training data as a scatter plot in data coordinates with the run's latest
// boundary drawn over it. Names only ever reach the page as text.
/* global document */
import { element } from './metricChart.js'

const SVG = 'http://www.w3.org/2000/svg'

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value))
  return node
}

/**
 * The panel inside `holder` for `classifier` ({ points, labels, colors, x,
 * y } from the server's hello); `exposed` gets each run's boundary step.
 * `addRun(run)` adds a run's plot, `draw(runId, step, lines)` replaces its boundary.
 */
export function createBoundaryPanel(holder, classifier, exposed) {
  const panels = new Map() // runId -> { figure, lines, caption, name }
  const [x0, x1] = classifier.x
  const [y0, y1] = classifier.y
  const radius = (x1 - x0) / 120
  holder.append(element('h2', '', 'decision boundaries'))
  const grid = element('div', 'boundary-grid')
  holder.append(grid)

  function addRun(run) {
    const figure = element('figure', 'boundary')
    figure.dataset.run = run.id
    // y grows upward in data, downward in SVG: flip inside a group
    const svg = svgElement('svg', { viewBox: `${x0} ${-y1} ${x1 - x0} ${y1 - y0}` })
    const flipped = svgElement('g', { transform: 'scale(1 -1)' })
    classifier.points.forEach(([x, y], i) => {
      const dot = { cx: x, cy: y, r: radius, fill: classifier.colors[i], stroke: 'white', 'stroke-width': radius / 4 }
      flipped.append(svgElement('circle', dot))
    })
    const lines = svgElement('g', { fill: 'none', stroke: run.color, 'stroke-width': radius / 2 })
    flipped.append(lines)
    svg.append(flipped)
    const caption = element('figcaption', 'step', `${run.name}: no boundary yet`)
    figure.append(caption, svg)
    grid.append(figure)
    panels.set(run.id, { figure, lines, caption, name: run.name })
    exposed[run.id] = null
  }

  function draw(runId, step, lines) {
    const panel = panels.get(runId)
    if (panel === undefined) return
    panel.lines.replaceChildren(
      ...lines.map((line) => {
        const d = line.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('')
        return svgElement('path', { class: 'contour', d })
      }),
    )
    panel.caption.textContent = `${panel.name}: decision boundary at step ${step}`
    exposed[runId] = step
  }

  /** Shows the plots of the runs `shown(runId)` says are visible. */
  function applyVisibility(shown) {
    for (const [runId, panel] of panels) panel.figure.hidden = !shown(runId)
  }

  return { addRun, draw, applyVisibility }
}
