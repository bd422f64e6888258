/**
 * Provider accounts as rows: `accounts` (id, provider, name, shared with the freights) plus
 * `account_settings` (every non-secret setting and the last known state). SQL only; the accounts
 * service holds the rules and the keychain.
 */
import type Database from 'better-sqlite3'
import type { AccountProvider, AccountState } from '@shared/domain/account'

/** One account as stored. Provider-specific settings are null where they do not apply. */
export interface StoredAccount {
  id: string
  provider: AccountProvider
  name: string
  createdAt: string
  environment: string
  baseUrl: string
  authBaseUrl: string | null
  redirectUri: string | null
  ownerEmail: string | null
  shareLinkBase: string | null
  signInMethod: 'password' | 'token' | null
  username: string | null
  syncIntervalMinutes: number
  sandbox: boolean
  status: AccountState
  statusMessage: string | null
  statusCheckedAt: string
  signedInAt: string | null
  updatedAt: string
  /** Set when the account was removed but its cached freights were kept. */
  removedAt: string | null
}

/** The settings a service may change (never id, provider or creation time). */
export type AccountPatch = Partial<
  Omit<StoredAccount, 'id' | 'provider' | 'createdAt' | 'removedAt'>
>

export interface AccountStatusPatch {
  status: AccountState
  statusMessage: string | null
  statusCheckedAt: string
  /** Given on a successful sign-in or check; absent keeps the stored time. */
  signedInAt?: string
}

export interface AccountStore {
  /** Accounts that are not removed, by name. */
  list(): StoredAccount[]
  /** One account that is not removed, or null. */
  get(id: string): StoredAccount | null
  /** Adds the account and its settings in one transaction. */
  insert(account: Omit<StoredAccount, 'removedAt'>): StoredAccount
  /** Changes settings; null when there is no such (unremoved) account. */
  update(id: string, patch: AccountPatch): StoredAccount | null
  setStatus(id: string, patch: AccountStatusPatch): StoredAccount | null
  /** Deletes the account; its cached freights go with it (foreign keys cascade). */
  remove(id: string): { removedFreights: number } | null
  /** Marks the account removed while its cached freights stay for offline review. */
  retire(id: string, at: string): boolean
  /** Cached freights per account id (accounts with none are absent). */
  cachedFreightCounts(): Map<string, number>
  /** Every account that owns cached data, removed ones whose freights were kept too, by name. */
  names(): Array<{ id: string; provider: AccountProvider; name: string }>
}

interface Row {
  id: string
  provider: AccountProvider
  name: string
  created_at: string
  environment: string
  base_url: string
  auth_base_url: string | null
  redirect_uri: string | null
  owner_email: string | null
  share_link_base: string | null
  sign_in_method: 'password' | 'token' | null
  username: string | null
  sync_interval_minutes: number
  sandbox: number
  status: AccountState
  status_message: string | null
  status_checked_at: string
  signed_in_at: string | null
  updated_at: string
  removed_at: string | null
}

/** Columns of account_settings a patch may set, by the StoredAccount field that feeds them. */
const settingColumns = {
  environment: 'environment',
  baseUrl: 'base_url',
  authBaseUrl: 'auth_base_url',
  redirectUri: 'redirect_uri',
  ownerEmail: 'owner_email',
  shareLinkBase: 'share_link_base',
  signInMethod: 'sign_in_method',
  username: 'username',
  syncIntervalMinutes: 'sync_interval_minutes',
  sandbox: 'sandbox',
  status: 'status',
  statusMessage: 'status_message',
  statusCheckedAt: 'status_checked_at',
  signedInAt: 'signed_in_at',
  updatedAt: 'updated_at',
} as const satisfies Partial<Record<keyof StoredAccount, string>>

type SettingField = keyof typeof settingColumns

const selectAccount = `SELECT a.id, a.provider, a.name, a.created_at, s.environment, s.base_url,
    s.auth_base_url, s.redirect_uri, s.owner_email, s.share_link_base, s.sign_in_method,
    s.username, s.sync_interval_minutes, s.sandbox, s.status, s.status_message,
    s.status_checked_at, s.signed_in_at, s.updated_at, s.removed_at
  FROM accounts a JOIN account_settings s ON s.account_id = a.id`

export function createAccountStore(db: Database.Database): AccountStore {
  const statements = {
    list: db.prepare<[], Row>(`${selectAccount} WHERE s.removed_at IS NULL ORDER BY a.name, a.id`),
    get: db.prepare<[string], Row>(`${selectAccount} WHERE a.id = ? AND s.removed_at IS NULL`),
    insertAccount: db.prepare<[string, string, string, string]>(
      'INSERT INTO accounts (id, provider, name, created_at) VALUES (?, ?, ?, ?)',
    ),
    insertSettings: db.prepare(
      `INSERT INTO account_settings (account_id, environment, base_url, auth_base_url,
         redirect_uri, owner_email, share_link_base, sign_in_method, username,
         sync_interval_minutes, sandbox, status, status_message, status_checked_at, signed_in_at,
         updated_at)
       VALUES (@id, @environment, @baseUrl, @authBaseUrl, @redirectUri, @ownerEmail,
         @shareLinkBase, @signInMethod, @username, @syncIntervalMinutes, @sandbox, @status,
         @statusMessage, @statusCheckedAt, @signedInAt, @updatedAt)`,
    ),
    rename: db.prepare<[string, string]>('UPDATE accounts SET name = ? WHERE id = ?'),
    freightCount: db
      .prepare<[string], number>('SELECT count(*) FROM freights WHERE account_id = ?')
      .pluck(),
    remove: db.prepare<[string]>('DELETE FROM accounts WHERE id = ?'),
    retire: db.prepare<[string, string, string]>(
      `UPDATE account_settings SET removed_at = ?, updated_at = ?
       WHERE account_id = ? AND removed_at IS NULL`,
    ),
    names: db.prepare<[], { id: string; provider: AccountProvider; name: string }>(
      'SELECT id, provider, name FROM accounts ORDER BY name, id',
    ),
    counts: db.prepare<[], { account_id: string; freights: number }>(
      'SELECT account_id, sum(freights) AS freights FROM freight_counts GROUP BY account_id',
    ),
  }
  /** One prepared UPDATE per set of columns a patch touches. */
  const updates = new Map<string, Database.Statement>()

  const get = (id: string): StoredAccount | null => {
    const row = statements.get.get(id)
    return row ? fromRow(row) : null
  }

  const insert = db.transaction((account: Omit<StoredAccount, 'removedAt'>): StoredAccount => {
    statements.insertAccount.run(account.id, account.provider, account.name, account.createdAt)
    statements.insertSettings.run({ ...account, sandbox: account.sandbox ? 1 : 0 })
    const saved = get(account.id)
    if (!saved) throw new Error(`Account ${account.id} was not saved`)
    return saved
  })

  const update = db.transaction((id: string, patch: AccountPatch): StoredAccount | null => {
    if (!statements.get.get(id)) return null
    if (patch.name !== undefined) statements.rename.run(patch.name, id)
    const fields = (Object.keys(settingColumns) as SettingField[]).filter(
      (field) => patch[field] !== undefined,
    )
    if (fields.length > 0) {
      const key = fields.join(',')
      let statement = updates.get(key)
      if (!statement) {
        const assignments = fields.map((field) => `${settingColumns[field]} = @${field}`)
        statement = db.prepare(
          `UPDATE account_settings SET ${assignments.join(', ')} WHERE account_id = @id`,
        )
        updates.set(key, statement)
      }
      const values: Record<string, unknown> = { id }
      for (const field of fields) {
        const value = patch[field]
        values[field] = typeof value === 'boolean' ? Number(value) : value
      }
      statement.run(values)
    }
    return get(id)
  })

  const remove = db.transaction((id: string): { removedFreights: number } | null => {
    if (!statements.get.get(id)) return null
    const removedFreights = statements.freightCount.get(id) ?? 0
    statements.remove.run(id)
    return { removedFreights }
  })

  return {
    list: () => statements.list.all().map(fromRow),
    get,
    insert: (account) => insert.immediate(account),
    update: (id, patch) => update.immediate(id, patch),
    setStatus: (id, patch) => update.immediate(id, patch),
    remove: (id) => remove.immediate(id),
    retire: (id, at) => statements.retire.run(at, at, id).changes > 0,
    cachedFreightCounts() {
      const counts = new Map<string, number>()
      for (const row of statements.counts.all()) counts.set(row.account_id, row.freights)
      return counts
    },
    names: () => statements.names.all(),
  }
}

function fromRow(row: Row): StoredAccount {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    createdAt: row.created_at,
    environment: row.environment,
    baseUrl: row.base_url,
    authBaseUrl: row.auth_base_url,
    redirectUri: row.redirect_uri,
    ownerEmail: row.owner_email,
    shareLinkBase: row.share_link_base,
    signInMethod: row.sign_in_method,
    username: row.username,
    syncIntervalMinutes: row.sync_interval_minutes,
    sandbox: row.sandbox === 1,
    status: row.status,
    statusMessage: row.status_message,
    statusCheckedAt: row.status_checked_at,
    signedInAt: row.signed_in_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
  }
}
