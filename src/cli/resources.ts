import { fileURLToPath } from 'node:url'

/** The app's resources folder (scenario presets, traces), found from the CLI's source. */
export const RESOURCES_DIR = fileURLToPath(new URL('../../resources/', import.meta.url))
