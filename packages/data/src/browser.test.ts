// The browser entry, `@gradstream/data/text`, bundled for a browser: it must
// need nothing from Node, and parseCsv must read CSV text in a page as it
// does in Node (csv-parse's browser build brings its own Buffer shim).
import { existsSync } from 'node:fs'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type * as DataText from './text'

// Debian's chromium package, as for the other browser tests; nothing is downloaded.
const CHROMIUM = '/usr/bin/chromium'
const present = existsSync(CHROMIUM)

/** `@gradstream/data/text` from source as one browser script defining `gradstreamData`. */
async function textBundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./text.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'gradstreamData',
    platform: 'browser', // a Node module imported anywhere fails the build
    conditions: ['@gradstream/source'],
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

declare const gradstreamData: typeof DataText

describe('@gradstream/data/text in a browser', () => {
  it('bundles for the browser platform, importing nothing from Node', async () => {
    const bundle = await textBundle()
    expect(bundle).toContain('parseCsv')
    expect(bundle).not.toMatch(/require\(["']node:/)
  })

  it.skipIf(!present)(
    present ? 'parses CSV text in headless Chromium' : `SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`,
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
      try {
        const page = await browser.newPage()
        await page.addScriptTag({ content: await textBundle() })
        const result = await page.evaluate(() => {
          const text = '\ufeffx,"y, label"\r\n1.5,cat\r\n"2",dog\r\n'
          const data = gradstreamData.parseCsv(text, { label: 'y, label', labelType: 'class' })
          let message = ''
          try {
            gradstreamData.parseCsv('a\n1\nx\n')
          } catch (error) {
            message = (error as Error).message
          }
          return { x: data.x.toArray(), y: data.y.toArray(), classes: data.classes, message }
        })
        expect(result).toEqual({
          x: [[1.5], [2]],
          y: [0, 1],
          classes: ['cat', 'dog'],
          message: 'parseCsv: line 3, column "a" (index 0): "x" is not a number',
        })
      } finally {
        await browser.close()
      }
    },
  )
})
