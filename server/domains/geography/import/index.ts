export { importLayer, ImportRejectedError } from './import-layer.ts'
export type { ImportOptions, ImportSummary } from './import-layer.ts'
export {
  DEFAULT_SPEED_MPH,
  IMPORT_LAYERS,
  isImportLayerName,
  SPEED_BY_ROAD_CLASS,
} from './layers.ts'
export type { ImportLayerName } from './layers.ts'
export { ImportFileError } from './source-file.ts'
