// FNV-1a over the UTF-16 code units of a string: enough to catch truncation
// and corruption of a checkpoint (not an integrity check against tampering).
export function checksum(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
