// Type promises, checked by tsc: what the loaders return, and what the savers refuse to take.
import { ones } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { expectTypeOf, test } from 'vitest'
import {
  decodeNpy,
  decodeNpz,
  decodeSafetensors,
  encodeSafetensors,
  loadNpy,
  loadNpz,
  loadSafetensors,
  saveNpy,
} from './index'
import type { SafetensorsContents } from './index'

test('the loaders return a pytree (with the metadata for safetensors) or a tensor', () => {
  expectTypeOf(loadSafetensors).returns.toEqualTypeOf<SafetensorsContents>()
  expectTypeOf(decodeSafetensors).returns.toEqualTypeOf<SafetensorsContents>()
  expectTypeOf<SafetensorsContents['params']>().toEqualTypeOf<Params>()
  expectTypeOf<SafetensorsContents['metadata']>().toEqualTypeOf<Readonly<Record<string, string>>>()
  expectTypeOf(decodeNpz).returns.toEqualTypeOf<Params>()
  expectTypeOf(loadNpy).returns.toEqualTypeOf<Tensor>()
  expectTypeOf(decodeNpy).returns.toEqualTypeOf<Tensor>()
})

test('with like, the loaders give the type of the template', () => {
  const like = { w: ones([2]), layers: [{ b: ones([1]) }] }
  expectTypeOf(decodeSafetensors(new Uint8Array(), { like }).params).toEqualTypeOf<typeof like>()
  expectTypeOf(loadSafetensors('m.safetensors', { like }).params).toEqualTypeOf<typeof like>()
  expectTypeOf(decodeNpz(new Uint8Array(), { like })).toEqualTypeOf<typeof like>()
  expectTypeOf(loadNpz('p.npz', { like })).toEqualTypeOf<typeof like>()
})

test('metadata holds strings only, and saveNpy takes one tensor', () => {
  // @ts-expect-error the format's metadata maps strings to strings
  encodeSafetensors({ w: ones([1]) }, { metadata: { step: 3 } })
  // @ts-expect-error a .npy file holds one array; a pytree goes to saveNpz
  saveNpy({ w: ones([1]) }, 'w.npy')
})
