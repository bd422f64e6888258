import { productName, version } from '../../package.json'

/** The app's own name and version, from package.json, identical in every shell. */
export const appMeta = { name: productName, version } as const
