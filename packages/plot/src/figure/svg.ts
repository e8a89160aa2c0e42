// Small SVG text helpers shared by the figures. Coordinates are rounded to
// 0.01 px: invisible, and it keeps files small and diffs stable.

/** The fonts figures ask for; the PNG renderer falls back to any installed sans-serif. */
export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif'

/** A pixel coordinate as short text. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100)
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
}

/** A polyline as path data: `M x y L x y ...`. */
export function pathData(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)} ${px(y)}`).join('')
}

/** A whole SVG document on a white background. */
export function svgDocument(width: number, height: number, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="12">`,
    `<rect class="background" width="${width}" height="${height}" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n')
}
