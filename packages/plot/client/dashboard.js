// The dashboard page of both servers, serveDashboard (runs in the process)
// and serveLogdir (a log directory): listens to the server's event stream
// and hands the runs, their series and the rest to the overlaid charts
// (overlay.js), drawn with uPlot (loaded by index.html as the global
// `uPlot`). Its state is kept on `window.gradstreamDashboard` so tests and
// curious users can inspect it.
/* global window, document, EventSource */
import { followDistributions } from './histograms.js'
import { createOverlay } from './overlay.js'

const state = { ended: false, closed: false }
window.gradstreamDashboard = state

let overlay = null

const source = new EventSource('/events')
followDistributions(source, state) // the params' distributions of a log directory's events files
source.addEventListener('hello', (event) => start(JSON.parse(event.data)))
/** Hands the data of `name` events to `handle` once the hello has built the page. */
const on = (name, handle) =>
  source.addEventListener(name, (event) => {
    if (overlay) handle(JSON.parse(event.data))
  })
on('run', (data) => overlay.addRun(data))
on('series', (data) => overlay.addSeries(data))
on('axis', (data) => overlay.addAxis(data))
on('warning', (data) => overlay.addWarning(data))
on('status', (data) => overlay.setRunState(data))
on('boundary', (data) => overlay.drawBoundary(data))
source.addEventListener('end', () => finish('training finished', 'ended'))
source.addEventListener('bye', () => finish('the server has stopped', 'closed'))
source.onerror = () => {
  if (!state.ended && !state.closed) setStatus('connection lost, retrying…')
}

function finish(text, flag) {
  state[flag] = true
  source.close() // otherwise EventSource reconnects when the stream ends
  setStatus(text)
}

function setStatus(text) {
  document.getElementById('status').textContent = text
}

/** A fresh page for what the server announces (again after a reconnect: it then sends everything anew). */
function start(hello) {
  document.getElementById('title').textContent = hello.title
  document.title = `${hello.title} · gradstream`
  setStatus(hello.status)
  state.overlay = {}
  overlay = createOverlay(document.getElementById('runs'), state.overlay, hello.classifier)
}
