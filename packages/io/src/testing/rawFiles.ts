// Hand-built file bytes for tests, written plainly from the format specs, independent of the encoders.

/** A safetensors file: the 8-byte little-endian size of `header` (JSON-encoded unless text), the header, `data`. */
export function safetensorsFile(header: unknown, data: Uint8Array = new Uint8Array(0), size?: bigint): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header))
  const out = new Uint8Array(8 + text.length + data.length)
  new DataView(out.buffer).setBigUint64(0, size ?? BigInt(text.length), true)
  out.set(text, 8)
  out.set(data, 8 + text.length)
  return out
}

/** A .npy file of format `version` with the header text `dict` (padded to 64 bytes) and `data`. */
export function npyFile(dict: string, data: Uint8Array, version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12
  const text = new TextEncoder().encode(dict)
  const length = Math.ceil((prefix + text.length + 1) / 64) * 64 - prefix
  const out = new Uint8Array(prefix + length + data.length).fill(0x20, prefix, prefix + length - 1)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0])
  const view = new DataView(out.buffer)
  if (version === 1) view.setUint16(8, length, true)
  else view.setUint32(8, length, true)
  out.set(text, prefix)
  out[prefix + length - 1] = 0x0a
  out.set(data, prefix + length)
  return out
}

/** The bytes of float32 values, little-endian, written with a DataView. */
export function float32Bytes(values: readonly number[], littleEndian = true): Uint8Array {
  const out = new Uint8Array(values.length * 4)
  values.forEach((x, i) => new DataView(out.buffer).setFloat32(i * 4, x, littleEndian))
  return out
}
