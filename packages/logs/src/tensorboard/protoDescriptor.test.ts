import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import { protoDescriptor } from './protoDescriptor'

describe('protoDescriptor', () => {
  it('is what protobufjs parses from the .proto files in proto/', () => {
    const protoDir = fileURLToPath(new URL('../../proto', import.meta.url))
    const root = new protobuf.Root()
    root.resolvePath = (_origin, target) => join(protoDir, target)
    root.loadSync(['tensorflow/core/util/event.proto', 'tensorboard/plugins/hparams/plugin_data.proto'])
    expect(protoDescriptor).toEqual(root.toJSON())
  })
})
