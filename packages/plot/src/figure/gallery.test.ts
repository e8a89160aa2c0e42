import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { galleryFigures } from '../../docs/gallery'

const docs = new URL('../../docs/', import.meta.url)

describe('the README figures in docs/', () => {
  it.each(Object.entries(galleryFigures()))('%s is what the figures draw today', (name, svg) => {
    // regenerate with: npx -y pnpm@10 --filter @gradstream/examples figures
    expect(svg).toBe(readFileSync(new URL(name, docs), 'utf8'))
  })
})
