import { useState, type FormEvent } from 'react'
import {
  AddAccountInput,
  providerEnvironments,
  providerLabels,
  UpdateAccountInput,
  type Account,
  type AccountProvider,
} from '@shared/domain/account'
import { AppErrorException, fieldMessages } from '@shared/errors'
import { call, errorMessage } from '../../api/client'
import { fieldId, RadioGroup, SelectField, TextField, type FieldErrors } from '../../ui/fields'

/** The form's state: every input as typed. Secrets are typed here and never filled in from main. */
interface Values {
  provider: AccountProvider
  name: string
  syncIntervalMinutes: string
  environment: string
  baseUrl: string
  authBaseUrl: string
  redirectMode: 'loopback' | 'paste'
  redirectUri: string
  ownerEmail: string
  shareLinkBase: string
  apiKey: string
  clientId: string
  clientSecret: string
  signInMethod: 'password' | 'token'
  username: string
  password: string
  accessToken: string
}

const environmentOptions: Record<AccountProvider, Array<{ value: string; label: string }>> = {
  spotgo: [
    {
      value: 'production',
      label: `Production (${providerEnvironments.spotgo.production.baseUrl})`,
    },
    { value: 'test', label: `Test (${providerEnvironments.spotgo.test.baseUrl})` },
    { value: 'custom', label: 'Another address' },
  ],
  transeu: [
    {
      value: 'production',
      label: `Production (${providerEnvironments.transeu.production.baseUrl})`,
    },
    { value: 'custom', label: 'Another address' },
  ],
  crego: [
    { value: 'preprod', label: `Pre-production (${providerEnvironments.crego.preprod.baseUrl})` },
    { value: 'custom', label: 'Your company’s Crego address' },
  ],
}

const providerOptions = (['spotgo', 'transeu', 'crego'] as const).map((value) => ({
  value,
  label: providerLabels[value],
}))

function emptyValues(provider: AccountProvider): Values {
  return {
    provider,
    name: '',
    syncIntervalMinutes: '15',
    environment: environmentOptions[provider][0]!.value,
    baseUrl: '',
    authBaseUrl: '',
    redirectMode: 'loopback',
    redirectUri: '',
    ownerEmail: '',
    shareLinkBase: '',
    apiKey: '',
    clientId: '',
    clientSecret: '',
    signInMethod: 'password',
    username: '',
    password: '',
    accessToken: '',
  }
}

function valuesOf(account: Account): Values {
  const values = {
    ...emptyValues(account.provider),
    name: account.name,
    syncIntervalMinutes: String(account.syncIntervalMinutes),
    environment: account.environment,
    baseUrl: account.environment === 'custom' ? account.baseUrl : '',
  }
  switch (account.provider) {
    case 'spotgo':
      return { ...values, ownerEmail: account.ownerEmail }
    case 'transeu':
      return {
        ...values,
        authBaseUrl:
          account.environment === 'custom' && account.authBaseUrl !== account.baseUrl
            ? account.authBaseUrl
            : '',
        redirectMode: account.redirectUri ? 'paste' : 'loopback',
        redirectUri: account.redirectUri ?? '',
      }
    case 'crego':
      return {
        ...values,
        shareLinkBase: account.shareLinkBase === account.baseUrl ? '' : account.shareLinkBase,
        signInMethod: account.signInMethod,
        username: account.username ?? '',
      }
  }
}

const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text)
const minutes = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/** The `accounts.add` input for what the form holds. */
function addInput(values: Values): unknown {
  const common = {
    name: values.name,
    syncIntervalMinutes: minutes(values.syncIntervalMinutes),
    environment: values.environment,
    baseUrl: values.environment === 'custom' ? optional(values.baseUrl) : undefined,
  }
  switch (values.provider) {
    case 'spotgo':
      return { provider: 'spotgo', ...common, ownerEmail: values.ownerEmail, apiKey: values.apiKey }
    case 'transeu':
      return {
        provider: 'transeu',
        ...common,
        authBaseUrl: values.environment === 'custom' ? optional(values.authBaseUrl) : undefined,
        redirectUri: values.redirectMode === 'paste' ? values.redirectUri : null,
        clientId: values.clientId,
        clientSecret: values.clientSecret,
        apiKey: values.apiKey,
      }
    case 'crego':
      return {
        provider: 'crego',
        ...common,
        shareLinkBase: optional(values.shareLinkBase),
        credentials: cregoCredentials(values),
      }
  }
}

function cregoCredentials(values: Values) {
  return values.signInMethod === 'password'
    ? { signInMethod: 'password', username: values.username, password: values.password }
    : { signInMethod: 'token', accessToken: values.accessToken }
}

/** The `accounts.update` input: settings as shown, secrets only where something was typed. */
function updateInput(account: Account, values: Values): unknown {
  const common = {
    id: account.id,
    name: values.name,
    syncIntervalMinutes: minutes(values.syncIntervalMinutes),
    environment: values.environment,
    baseUrl: values.environment === 'custom' ? optional(values.baseUrl) : undefined,
  }
  switch (account.provider) {
    case 'spotgo':
      return {
        provider: 'spotgo',
        ...common,
        ownerEmail: values.ownerEmail,
        apiKey: optional(values.apiKey),
      }
    case 'transeu':
      return {
        provider: 'transeu',
        ...common,
        authBaseUrl: values.environment === 'custom' ? optional(values.authBaseUrl) : undefined,
        redirectUri: values.redirectMode === 'paste' ? values.redirectUri : null,
        clientId: optional(values.clientId),
        clientSecret: optional(values.clientSecret),
        apiKey: optional(values.apiKey),
      }
    case 'crego': {
      const typed =
        values.signInMethod === 'password'
          ? values.password !== '' || values.username !== (account.username ?? '')
          : values.accessToken !== ''
      const switched = values.signInMethod !== account.signInMethod
      return {
        provider: 'crego',
        ...common,
        shareLinkBase: optional(values.shareLinkBase),
        credentials: typed || switched ? cregoCredentials(values) : undefined,
      }
    }
  }
}

/** Adds an account, or edits one. Checks the input with the contract's own schema first. */
export function AccountForm(props: {
  account: Account | null
  onSaved: (account: Account) => void
  onCancel: () => void
}) {
  const { account } = props
  const [values, setValues] = useState<Values>(() =>
    account ? valuesOf(account) : emptyValues('spotgo'),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }))
    setErrors((current) => {
      const next = { ...current }
      delete next[
        key === 'username' || key === 'password' || key === 'accessToken'
          ? `credentials.${key}`
          : key
      ]
      return next
    })
  }

  const showErrors = (fields: FieldErrors) => {
    setErrors(fields)
    const first = Object.keys(fields)[0]
    if (first !== undefined) document.getElementById(fieldId(first))?.focus()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (saving) return
    setFormError(null)
    const input = account ? updateInput(account, values) : addInput(values)
    const checked = account ? UpdateAccountInput.safeParse(input) : AddAccountInput.safeParse(input)
    if (!checked.success) {
      showErrors(fieldMessages(checked.error.issues))
      setFormError('Check the highlighted fields.')
      return
    }
    setSaving(true)
    try {
      const saved = account
        ? await call('accounts.update', input as UpdateAccountInput)
        : await call('accounts.add', input as AddAccountInput)
      props.onSaved(saved)
    } catch (error) {
      const fields = error instanceof AppErrorException ? (error.error.fields ?? {}) : {}
      // What lands on a field is said there, once; what has no field of its own is said below.
      const unplaced = Object.entries(fields).filter(
        ([field]) => document.getElementById(fieldId(field)) === null,
      )
      if (Object.keys(fields).length > unplaced.length) showErrors(fields)
      setFormError(
        Object.keys(fields).length === 0
          ? errorMessage(error)
          : unplaced.length > 0
            ? unplaced.map(([, message]) => message).join(' ')
            : null,
      )
    } finally {
      setSaving(false)
    }
  }

  const provider = values.provider
  const editing = account !== null
  const keepHint = editing
    ? 'Stored in the system keychain. Leave empty to keep it; a new address needs it again.'
    : undefined
  const secretsRequired = !editing

  return (
    <form className="account-form" onSubmit={(event) => void submit(event)} noValidate>
      {editing ? null : (
        <SelectField
          field="provider"
          label="Provider"
          value={provider}
          options={providerOptions}
          errors={errors}
          onChange={(next) => {
            // Another provider: what was wrong with the previous one's fields no longer holds.
            setValues((current) => ({ ...emptyValues(next), name: current.name }))
            setErrors({})
            setFormError(null)
          }}
        />
      )}
      <TextField
        field="name"
        label="Name"
        value={values.name}
        onChange={(value) => set('name', value)}
        errors={errors}
        placeholder={`${providerLabels[provider]} Kraków office`}
        required
      />
      <SelectField
        field="environment"
        label="Environment"
        value={values.environment}
        options={environmentOptions[provider]}
        errors={errors}
        onChange={(value) => set('environment', value)}
      />
      {values.environment === 'custom' ? (
        <TextField
          field="baseUrl"
          label={provider === 'transeu' ? 'API address' : 'Address'}
          type="url"
          value={values.baseUrl}
          onChange={(value) => set('baseUrl', value)}
          errors={errors}
          placeholder="https://"
          required
        />
      ) : null}
      {provider === 'transeu' && values.environment === 'custom' ? (
        <TextField
          field="authBaseUrl"
          label="Sign-in address"
          type="url"
          value={values.authBaseUrl}
          onChange={(value) => set('authBaseUrl', value)}
          errors={errors}
          hint="Where the Trans.eu sign-in page lives, when it is not the API address."
        />
      ) : null}

      {provider === 'spotgo' ? (
        <>
          <TextField
            field="ownerEmail"
            label="Owner e-mail"
            type="email"
            value={values.ownerEmail}
            onChange={(value) => set('ownerEmail', value)}
            errors={errors}
            hint="The SpotGo user who owns the freights; shares are sent in this name."
            required
          />
          <TextField
            field="apiKey"
            label="API key"
            type="password"
            value={values.apiKey}
            onChange={(value) => set('apiKey', value)}
            errors={errors}
            hint={keepHint ?? 'Checked with SpotGo before it is saved.'}
            required={secretsRequired}
          />
        </>
      ) : null}

      {provider === 'transeu' ? (
        <>
          <TextField
            field="clientId"
            label="Client id"
            value={values.clientId}
            onChange={(value) => set('clientId', value)}
            errors={errors}
            hint={keepHint}
            required={secretsRequired}
          />
          <TextField
            field="clientSecret"
            label="Client secret"
            type="password"
            value={values.clientSecret}
            onChange={(value) => set('clientSecret', value)}
            errors={errors}
            hint={keepHint}
            required={secretsRequired}
          />
          <TextField
            field="apiKey"
            label="Api-key"
            type="password"
            value={values.apiKey}
            onChange={(value) => set('apiKey', value)}
            errors={errors}
            hint={keepHint}
            required={secretsRequired}
          />
          <RadioGroup
            field="redirectMode"
            legend="After signing in, the browser comes back"
            value={values.redirectMode}
            options={[
              { value: 'loopback', label: 'to Freightdesk on this computer (127.0.0.1)' },
              { value: 'paste', label: 'to a registered https address; I paste it here' },
            ]}
            onChange={(value) => set('redirectMode', value)}
          />
          {values.redirectMode === 'paste' ? (
            <TextField
              field="redirectUri"
              label="Registered redirect address"
              type="url"
              value={values.redirectUri}
              onChange={(value) => set('redirectUri', value)}
              errors={errors}
              placeholder="https://"
              required
            />
          ) : null}
        </>
      ) : null}

      {provider === 'crego' ? (
        <>
          <TextField
            field="shareLinkBase"
            label="Share link address"
            type="url"
            value={values.shareLinkBase}
            onChange={(value) => set('shareLinkBase', value)}
            errors={errors}
            hint="Where public document links start. Empty: the Crego address."
          />
          <RadioGroup
            field="signInMethod"
            legend="Sign in with"
            value={values.signInMethod}
            options={[
              { value: 'password', label: 'staff user name and password' },
              { value: 'token', label: 'an access token issued by Crego' },
            ]}
            onChange={(value) => set('signInMethod', value)}
          />
          {values.signInMethod === 'password' ? (
            <>
              <TextField
                field="credentials.username"
                label="User name"
                value={values.username}
                onChange={(value) => set('username', value)}
                errors={errors}
                autoComplete="username"
                required={secretsRequired}
              />
              <TextField
                field="credentials.password"
                label="Password"
                type="password"
                value={values.password}
                onChange={(value) => set('password', value)}
                errors={errors}
                autoComplete="current-password"
                hint={
                  editing
                    ? 'Type it to sign in again. Only the tokens are kept, never the password.'
                    : 'Used once to sign in; only the tokens are kept.'
                }
                required={secretsRequired}
              />
            </>
          ) : (
            <TextField
              field="credentials.accessToken"
              label="Access token"
              type="password"
              value={values.accessToken}
              onChange={(value) => set('accessToken', value)}
              errors={errors}
              hint={keepHint}
              required={secretsRequired}
            />
          )}
        </>
      ) : null}

      <TextField
        field="syncIntervalMinutes"
        label="Sync every (minutes)"
        type="number"
        value={values.syncIntervalMinutes}
        onChange={(value) => set('syncIntervalMinutes', value)}
        errors={errors}
        required
      />

      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving
            ? 'Checking…'
            : editing
              ? 'Save'
              : provider === 'transeu'
                ? 'Add and sign in'
                : 'Add account'}
        </button>
      </div>
    </form>
  )
}
