import { productName, version } from '../../package.json'

/**
 * The app's own name and version, from package.json, identical in every shell, and its id: the
 * installers' app id (`build/electron-builder.mjs`) and Windows' AppUserModelID.
 */
export const appMeta = { name: productName, version, appId: 'eu.freightdesk.desktop' } as const
