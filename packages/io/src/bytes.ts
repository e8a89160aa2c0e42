// The in-memory encoders and decoders: they import nothing from Node, so a browser bundle can use them
// through `@gradstream/io/bytes` (the package root adds the file functions).
export { encodeSafetensors } from './encodeSafetensors'
export type { SafetensorsOptions } from './encodeSafetensors'
export { decodeSafetensors } from './decodeSafetensors'
export type { SafetensorsContents } from './decodeSafetensors'
export type { SafetensorsDType } from './safetensorsDTypes'
export { encodeNpy } from './encodeNpy'
export { decodeNpy } from './decodeNpy'
export { encodeNpz, decodeNpz } from './npz'
export type { NpzOptions } from './npz'
export type { LoadOptions } from './treeLike'
