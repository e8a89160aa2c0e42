export { StructureError } from '@gradstream/core'
