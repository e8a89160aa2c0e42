// Headless Chromium for the dashboard's page tests: Debian's chromium package, nothing downloaded (CI installs it
// in .ci/run), started without the background connections this machine's closed network refuses.
import type { Browser, Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Opens `url` in a new page whose console errors and uncaught exceptions are pushed to `problems`. */
export async function openCheckedPage(
  browser: Browser,
  url: string,
  problems: string[],
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ viewport })
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(url)
  return page
}
