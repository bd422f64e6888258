/**
 * The import rules in eslint.config.mjs, each shown to fire: a snippet is linted through ESLint's
 * Node API as if it lived at a path in one room (the file need not exist), and the rule must
 * report the forbidden import; the same import from a room that may have it passes.
 */
import path from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../../..')
// Type information is not needed for import rules, and a made-up path is in no tsconfig.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
})

/** The rule ids reported for `code` placed at `file`. */
async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  const fatal = result?.messages.filter((message) => message.fatal) ?? []
  if (fatal.length > 0) throw new Error(fatal.map((message) => message.message).join('\n'))
  return (result?.messages ?? []).map((message) => message.ruleId ?? '')
}

const restrictedImports = 'no-restricted-imports'
const restrictedPaths = 'import-x/no-restricted-paths'

const cases: Array<{ rule: string; what: string; file: string; code: string; allowedIn?: string }> =
  [
    {
      rule: restrictedImports,
      what: 'a service importing electron',
      file: 'electron/main/services/fake.ts',
      code: "import { app } from 'electron'\nexport const x = app",
      allowedIn: 'electron/main/adapters/fake.ts',
    },
    {
      rule: restrictedImports,
      what: 'the sync importing an electron/* subpath',
      file: 'electron/main/sync/fake.ts',
      code: "import main from 'electron/main'\nexport const x = main",
      allowedIn: 'electron/main/index.ts',
    },
    {
      rule: restrictedImports,
      what: 'the renderer importing a Node built-in',
      file: 'renderer/src/features/fake.ts',
      code: "import { readFileSync } from 'node:fs'\nexport const x = readFileSync",
      allowedIn: 'electron/main/services/fake.ts',
    },
    {
      rule: restrictedImports,
      what: 'shared/ importing a bare Node built-in',
      file: 'shared/fake.ts',
      code: "import path from 'path'\nexport const x = path",
    },
    {
      rule: restrictedImports,
      what: 'the renderer importing keytar',
      file: 'renderer/src/fake.ts',
      code: "import keytar from 'keytar'\nexport const x = keytar",
      allowedIn: 'electron/main/secrets/fake.ts',
    },
    {
      rule: restrictedImports,
      what: 'shared/ importing better-sqlite3',
      file: 'shared/domain/fake.ts',
      code: "import Database from 'better-sqlite3'\nexport const x = Database",
    },
    {
      rule: restrictedImports,
      what: 'the renderer importing the zip library',
      file: 'renderer/src/fake.ts',
      code: "import { zipSync } from 'fflate'\nexport const x = zipSync",
      allowedIn: 'electron/main/export/fake.ts',
    },
    {
      rule: restrictedPaths,
      what: 'the renderer importing main code',
      file: 'renderer/src/features/fake.ts',
      code: "import { appMeta } from '../../../electron/main/app-meta'\nexport const x = appMeta",
    },
    {
      rule: restrictedPaths,
      what: 'shared/ importing main code',
      file: 'shared/fake.ts',
      code: "import { appMeta } from '../electron/main/app-meta'\nexport const x = appMeta",
    },
    {
      rule: restrictedPaths,
      what: 'the cache importing a provider',
      file: 'electron/main/cache/fake.ts',
      code: "import { toAppError } from '../providers/errors'\nexport const x = toAppError",
      allowedIn: 'electron/main/sync/fake.ts',
    },
    {
      rule: restrictedPaths,
      what: 'the cache importing a service',
      file: 'electron/main/cache/fake.ts',
      code: "import { createViewsService } from '../services/views'\nexport const x = createViewsService",
    },
    {
      rule: restrictedPaths,
      what: 'the cache importing the sync',
      file: 'electron/main/cache/fake.ts',
      code: "import { createSyncServices } from '../sync'\nexport const x = createSyncServices",
    },
    {
      rule: restrictedPaths,
      what: 'a provider importing the cache',
      file: 'electron/main/providers/fake.ts',
      code: "import { openCache } from '../cache'\nexport const x = openCache",
      allowedIn: 'electron/main/services/fake.ts',
    },
    {
      rule: restrictedPaths,
      what: 'a provider importing a service',
      file: 'electron/main/providers/spotgo/fake.ts',
      code: "import { createViewsService } from '../../services/views'\nexport const x = createViewsService",
    },
    {
      rule: restrictedPaths,
      what: 'a provider importing the sync',
      file: 'electron/main/providers/fake.ts',
      code: "import { createSyncServices } from '../sync'\nexport const x = createSyncServices",
    },
    {
      rule: restrictedPaths,
      what: 'the preload importing main code',
      file: 'electron/preload/fake.ts',
      code: "import { appMeta } from '../main/app-meta'\nexport const x = appMeta",
    },
    {
      rule: restrictedPaths,
      what: 'a service importing the IPC transport',
      file: 'electron/main/services/fake.ts',
      code: "import { createRouter } from '../ipc/router'\nexport const x = createRouter",
      allowedIn: 'electron/main/fake.ts',
    },
    {
      rule: restrictedPaths,
      what: 'a simulator importing a provider client',
      file: 'electron/main/simulators/spotgo/fake.ts',
      code: "import { spotgoWire } from '../../providers/spotgo/wire'\nexport const x = spotgoWire",
      allowedIn: 'electron/main/providers/spotgo/fake.ts',
    },
    {
      rule: restrictedPaths,
      what: 'main code reaching inside the simulators',
      file: 'electron/main/services/fake.ts',
      code: "import { startSpotGoSimulator } from '../simulators/spotgo/server'\nexport const x = startSpotGoSimulator",
      allowedIn: 'test/unit/simulators/fake.ts',
    },
  ]

describe('the import rules', () => {
  it.each(cases)('$rule refuses $what', async ({ rule, file, code, allowedIn }) => {
    expect(await rulesFired(file, code)).toContain(rule)
    if (allowedIn) expect(await rulesFired(allowedIn, code)).not.toContain(rule)
  })

  it('refuses an import cycle', async () => {
    // electron/main/app-meta.ts is imported by core.ts; importing core back from beside it closes
    // a cycle the moment a module of the cycle is linted.
    const fired = await rulesFired(
      'electron/main/app-meta.ts',
      "import { createCore } from './core'\nexport const appMeta = { name: 'x', version: '1', createCore }",
    )
    expect(fired).toContain('import-x/no-cycle')
  })

  it('runs the accessibility rules on the renderer', async () => {
    const fired = await rulesFired(
      'renderer/src/features/fake.tsx',
      'export const Fake = () => <div onClick={() => undefined}>x</div>',
    )
    expect(fired).toContain('jsx-a11y/click-events-have-key-events')
  })
})
