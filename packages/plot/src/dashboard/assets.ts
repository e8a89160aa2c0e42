import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** A file the dashboard serves. */
export interface Asset {
  readonly type: string
  readonly body: Buffer
}

/**
 * The page and its script, style and chart library, read once from this
 * package's `client` folder and from uPlot's own package: everything is
 * served locally, nothing comes from a CDN.
 */
export function loadAssets(): ReadonlyMap<string, Asset> {
  // Resolving through the package's own name works from src/ (tests) and from dist/ alike.
  const require = createRequire(import.meta.url)
  const client = join(dirname(require.resolve('@gradstream/plot/package.json')), 'client')
  const uplot = dirname(require.resolve('uplot/dist/uPlot.iife.min.js'))
  const files: [string, string, string][] = [
    ['/', join(client, 'index.html'), 'text/html; charset=utf-8'],
    ['/dashboard.js', join(client, 'dashboard.js'), 'text/javascript; charset=utf-8'],
    ['/overlay.js', join(client, 'overlay.js'), 'text/javascript; charset=utf-8'],
    ['/metricChart.js', join(client, 'metricChart.js'), 'text/javascript; charset=utf-8'],
    ['/chartScales.js', join(client, 'chartScales.js'), 'text/javascript; charset=utf-8'],
    ['/chartExport.js', join(client, 'chartExport.js'), 'text/javascript; charset=utf-8'],
    ['/smoothing.js', join(client, 'smoothing.js'), 'text/javascript; charset=utf-8'],
    ['/hparamsTable.js', join(client, 'hparamsTable.js'), 'text/javascript; charset=utf-8'],
    ['/histograms.js', join(client, 'histograms.js'), 'text/javascript; charset=utf-8'],
    ['/boundaryPanel.js', join(client, 'boundaryPanel.js'), 'text/javascript; charset=utf-8'],
    ['/dashboard.css', join(client, 'dashboard.css'), 'text/css; charset=utf-8'],
    ['/vendor/uPlot.iife.min.js', join(uplot, 'uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
    ['/vendor/uPlot.min.css', join(uplot, 'uPlot.min.css'), 'text/css; charset=utf-8'],
  ]
  return new Map(files.map(([route, path, type]) => [route, { type, body: readFileSync(path) }]))
}
