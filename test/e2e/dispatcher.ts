/**
 * The dispatcher the end-to-end browser plays: one locale and time zone on every machine (set in
 * playwright.config.ts), and the `Format` the page uses with them, for tests that compute what the
 * page shows.
 */
import { createFormat, type FormatSettings } from '../../shared/format'

export const dispatcherSettings: FormatSettings = { locale: 'en-GB', timeZone: 'Europe/Warsaw' }

export const dispatcherFormat = createFormat(dispatcherSettings)
