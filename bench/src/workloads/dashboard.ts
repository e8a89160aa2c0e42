import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serveLogdir } from '@gradstream/plot/dashboard'
import { chromium } from 'playwright-core'
import type { Page } from 'playwright-core'
import type { Report } from '../report'
import { formatTable } from '../table'
import { megabytes, thousands } from './memory'

const RUNS = 20
const STEPS = 200_000
const EVAL_EVERY = 1000
/** Steps appended to every run per update, as 20 runs logging every step would add in a poll of a few seconds. */
const APPEND = 100
const UPDATES = 10
const POLL_MS = 250
const CHROMIUM = '/usr/bin/chromium'

/** Steps `from` to `to` of run `r` as jsonlLog writes them: two loss terms, a rate, an evaluation every 1000 steps. */
function lines(r: number, from: number, to: number): string {
  let text = ''
  for (let step = from; step <= to; step++) {
    const mse = (1 + r / RUNS) / Math.sqrt(step) + 0.01 * Math.sin(step / 50)
    const record: Record<string, number | string> = {
      type: 'step',
      step,
      epoch: Math.ceil(step / 1000),
      wall_time: 1.7e9 + step / 100,
      loss: mse + 0.001,
      'loss/mse': mse,
      'loss/l2': 0.001,
      learning_rate: 0.001 * 0.5 ** Math.floor(step / 50_000),
    }
    if (step % EVAL_EVERY === 0) Object.assign(record, { 'eval/loss': mse * 1.1, 'eval/accuracy': 1 - mse / 2 })
    text += `${JSON.stringify(record)}\n`
  }
  return text
}

function writeRuns(root: string, from: number, to: number): void {
  for (let r = 0; r < RUNS; r++) {
    mkdirSync(join(root, `run-${r}`), { recursive: true })
    for (let start = from; start <= to; start += 10_000) {
      appendFileSync(join(root, `run-${r}`, 'log.jsonl'), lines(r, start, Math.min(to, start + 9_999)))
    }
  }
}

/** What the page exposes of its charts (client/overlay.js). */
interface DashboardWindow {
  readonly gradstreamDashboard: {
    readonly overlay?: { readonly charts: Record<string, { readonly series: { readonly last: number | null }[] }> }
  }
}

/** Resolves once every run's loss series on the page ends at `step`. */
function drawnUpTo(page: Page, step: number): Promise<unknown> {
  return page.waitForFunction(
    ({ last, runs }) => {
      const overlay = (globalThis as unknown as DashboardWindow).gradstreamDashboard.overlay
      const series = overlay?.charts.loss?.series ?? []
      return series.length === runs && series.every((s) => s.last === last)
    },
    { last: step, runs: RUNS },
    { polling: 'raf', timeout: 600_000 },
  )
}

/** A second page, headless: counts the bytes of the event stream it receives. */
function countingPage(url: string): Promise<{ readonly received: () => number; readonly close: () => void }> {
  return new Promise((resolve, reject) => {
    get(new URL('events', url), (response) => {
      let received = 0
      response.on('data', (chunk: Buffer) => (received += chunk.length))
      resolve({ received: () => received, close: () => response.destroy() })
    }).on('error', reject)
  })
}

const ms = (microseconds: number) => (microseconds / 1000).toFixed(1)
const cpuMicros = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since)
  return user + system
}

/**
 * The log-directory dashboard over 20 runs of 200,000 steps (jsonlLog lines with two loss terms, the learning
 * rate and an evaluation every 1,000 steps: 6 charts of 20 series), opened in headless Chromium. Measured: the
 * first read of the directory, the page's first complete drawing, the server's CPU time per update (every run
 * gains 100 steps; the process's CPU time from the append to the page's drawing: reading the lines,
 * downsampling every changed series, sending them, and the idle polls and browser driver between), the bytes a page
 * receives per update (what it lacks of each series: the points after those it holds that stay put), the delay until
 * the page has drawn an update, and the page's JS heap after a collection.
 */
async function measureDashboard(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'bench-logdir-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
  try {
    let written = performance.now()
    writeRuns(root, 1, STEPS)
    written = performance.now() - written
    let loaded = performance.now()
    const dashboard = await serveLogdir(root, { pollMs: POLL_MS })
    loaded = performance.now() - loaded
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    let firstDraw = performance.now()
    await page.goto(dashboard.url)
    await drawnUpTo(page, STEPS)
    firstDraw = performance.now() - firstDraw
    const counter = await countingPage(dashboard.url)
    await new Promise((resolve) => setTimeout(resolve, 4 * POLL_MS)) // its whole history first, not counted below
    const serverCpu: number[] = []
    const latency: number[] = []
    const bytes: number[] = []
    for (let update = 1; update <= UPDATES; update++) {
      const last = STEPS + update * APPEND
      const before = counter.received()
      writeRuns(root, last - APPEND + 1, last) // synchronous: no poll runs inside it, so it is not counted below
      const start = process.cpuUsage()
      const wall = performance.now()
      await drawnUpTo(page, last)
      latency.push(performance.now() - wall)
      serverCpu.push(cpuMicros(start))
      bytes.push(counter.received() - before)
    }
    counter.close()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    globalThis.gc?.()
    const memory = process.memoryUsage()
    await dashboard.close()
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
    const rows = [
      ['write the logs (not the dashboard)', `${(written / 1000).toFixed(1)} s`],
      [`first read of ${RUNS} x ${thousands(STEPS)} steps`, `${(loaded / 1000).toFixed(1)} s`],
      ['page opened to all charts drawn', `${(firstDraw / 1000).toFixed(2)} s`],
      [`server CPU per update (+${APPEND} steps per run), median of ${UPDATES}`, `${ms(median(serverCpu))} ms`],
      ['bytes a page receives per update, median', `${(median(bytes) / 1000).toFixed(1)} kB`],
      ['append to drawn on the page, median', `${ms(median(latency) * 1000)} ms (polled every ${POLL_MS} ms)`],
      ['page JS heap after GC', `${megabytes(heap.usedSize)} MB`],
      [
        'server heap / array buffers / RSS',
        `${megabytes(memory.heapUsed)} / ${megabytes(memory.arrayBuffers)} / ${megabytes(memory.rss)} MB`,
      ],
    ]
    return formatTable(['', ''], rows)
  } finally {
    await browser.close()
    rmSync(root, { recursive: true, force: true })
  }
}

export const dashboardReport: Report = { title: 'dashboard over a log directory', run: measureDashboard }
