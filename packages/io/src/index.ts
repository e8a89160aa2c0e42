export * from './bytes'
export { saveSafetensors, loadSafetensors, saveNpy, loadNpy, saveNpz, loadNpz } from './files'
