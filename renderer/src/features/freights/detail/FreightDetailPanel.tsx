import { useEffect, useRef, useState, type ReactNode } from 'react'
import {
  priceCurrencies,
  type Freight,
  type FreightAnnotation,
  type Stop,
} from '@shared/domain/freight'
import { FreightPriceChange } from '@shared/domain/sync'
import { AppErrorException, fieldMessages } from '@shared/errors'
import type { Format } from '@shared/format'
import { freightNumber, valueLabel } from '@shared/freight-format'
import { call, errorMessage } from '../../../api/client'
import { useToasts } from '../../../app/toast-store'
import { useFormat } from '../../../ui/format'
import {
  fieldId,
  focusFirstError,
  SelectField,
  TextField,
  type FieldErrors,
} from '../../../ui/fields'
import { useAccounts } from '../../accounts/accounts-store'
import { SampleDataBadge } from '../../sandbox/SampleDataOffer'
import { openLink, useNow } from '../../shares/share-actions'
import { usePendingPrices, useSync } from '../../sync/sync-store'
import { accountSyncLabel } from '../account-sync'
import { useDetail } from '../detail-store'
import { hasModKey } from '../labels'
import { accountNames } from '../value-counts'
import { FreightDocumentsSection } from './FreightDocumentsSection'
import { providerPageUrl } from './provider-page'

const none = '—'

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === ''
  return (
    <div className="detail__field">
      <dt>{label}</dt>
      <dd>{empty ? none : children}</dd>
    </div>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="detail__section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <dl>{children}</dl>
    </section>
  )
}

const measure = (format: Format, value: number | null, unit: string) =>
  value === null ? null : format.measure(value, unit)

function StopFields({ stop }: { stop: Stop }) {
  const format = useFormat()
  const { place, window } = stop
  return (
    <>
      <Field label="Place">{place.locality}</Field>
      <Field label="Postal code">{place.postalCode}</Field>
      <Field label="Country">{format.country(place.country)}</Field>
      <Field label="Window">{format.window(window.start, window.end, window.timeZone)}</Field>
      <Field label="From">{format.dateTime(window.start, window.timeZone)}</Field>
      <Field label="Until">{format.dateTime(window.end, window.timeZone)}</Field>
      <Field label="Time zone">
        {window.timeZone} ({format.zoneName(window.start, window.timeZone)})
      </Field>
      <Field label="Coordinates">
        {place.latitude !== undefined && place.longitude !== undefined
          ? `${format.number(place.latitude, 5)}, ${format.number(place.longitude, 5)}`
          : null}
      </Field>
    </>
  )
}

function ProviderLink({ freight }: { freight: Freight }) {
  const url = providerPageUrl(freight)
  if (!url) return null
  const name = valueLabel(freight.provider)
  return (
    <p>
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        onClick={(event) => {
          event.preventDefault()
          // Main opens it in the system browser (asking first when it is not a provider's); a
          // browser preview opens a tab.
          void openLink(url)
        }}
      >
        Open on {name}
      </a>
    </p>
  )
}

/** When the freight's account last synced, from the sync status the status bar follows. */
function AccountSynced({ accountId, accountName }: { accountId: string; accountName: string }) {
  const entry = useSync((state) => state.connectivity[accountId])
  const format = useFormat()
  const now = useNow(30_000)
  if (!entry) return null
  const label = accountSyncLabel(format, accountName, entry.lastSyncedAt, now)
  if (label.syncedAt === null) return 'Never'
  return (
    <time dateTime={label.syncedAt} title={label.title}>
      {label.text} ({format.dateTime(label.syncedAt)})
    </time>
  )
}

function Annotations({ freight, annotation }: { freight: Freight; annotation: FreightAnnotation }) {
  const annotate = useDetail((state) => state.annotate)
  const toast = useToasts((state) => state.show)
  const [note, setNote] = useState(annotation.note)
  const [tag, setTag] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // The tags as the dispatcher last set them: a tag entered before main answered the one before
  // builds on it, and the changes go out one after another, in order.
  const [tags, setTags] = useState(annotation.tags)
  const tagsRef = useRef(annotation.tags)
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  const pending = useRef(0)
  const noteChanged = note !== annotation.note

  // Follows the stored tags (changed elsewhere) when no change of this panel is on its way.
  useEffect(() => {
    if (pending.current === 0) {
      tagsRef.current = annotation.tags
      setTags(annotation.tags)
    }
  }, [annotation.tags])

  const change = async (patch: Parameters<typeof annotate>[0], done?: string) => {
    setSaving(true)
    setError(null)
    try {
      await annotate(patch)
      if (done) toast({ level: 'info', message: done })
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setSaving(false)
    }
  }

  const setTagList = (next: string[]) => {
    tagsRef.current = next
    setTags(next)
    pending.current++
    queue.current = queue.current
      .then(() => annotate({ tags: next }))
      .catch((failure: unknown) => {
        setError(errorMessage(failure))
      })
      .finally(() => {
        pending.current--
      })
  }

  const addTag = () => {
    const value = tag.trim()
    setTag('')
    if (!value || tagsRef.current.includes(value)) return
    if (tagsRef.current.length >= 20) {
      setError('A freight can carry at most 20 tags. Remove one first.')
      return
    }
    setError(null)
    setTagList([...tagsRef.current, value])
  }

  return (
    <section className="detail__section" aria-labelledby={`notes-${freight.id}`}>
      <h3 id={`notes-${freight.id}`}>Your notes (only on this computer)</h3>
      <div className="field">
        {/* Not wrapped in the label: a textarea's text would become part of its name. */}
        <label htmlFor={`note-${freight.id}`}>Note</label>
        <textarea
          id={`note-${freight.id}`}
          className="input"
          value={note}
          maxLength={4000}
          rows={4}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && hasModKey(event) && noteChanged) {
              event.preventDefault()
              void change({ note }, 'Note saved.')
            }
          }}
        />
      </div>
      <div className="detail__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!noteChanged || saving}
          onClick={() => void change({ note }, 'Note saved.')}
        >
          Save note
        </button>
        {noteChanged && (
          <button type="button" className="button" onClick={() => setNote(annotation.note)}>
            Discard changes
          </button>
        )}
      </div>
      <div className="detail__tags">
        <span id={`tags-${freight.id}`}>Tags</span>
        <ul className="chips" aria-labelledby={`tags-${freight.id}`}>
          {tags.map((each) => (
            <li key={each} className="chip">
              <span>{each}</span>
              <button
                type="button"
                aria-label={`Remove tag ${each}`}
                onClick={() => setTagList(tagsRef.current.filter((t) => t !== each))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          className="input"
          aria-label="Add a tag"
          placeholder="Add a tag and press Enter"
          value={tag}
          maxLength={40}
          onChange={(event) => setTag(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              addTag()
            }
          }}
        />
      </div>
      <div className="detail__actions">
        <button
          type="button"
          className="button"
          disabled={saving}
          onClick={() =>
            void change(
              { hidden: !annotation.hidden },
              annotation.hidden
                ? 'The freight shows again.'
                : 'Hidden. "Show hidden" lists it again.',
            )
          }
        >
          {annotation.hidden ? 'Unhide freight' : 'Hide freight'}
        </button>
        {annotation.seen && (
          <button
            type="button"
            className="button"
            disabled={saving}
            onClick={() => void change({ seen: false })}
          >
            Mark as unseen
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

const pricePrefix = 'price'

/**
 * A SpotGo freight's new price, sent at once or, while SpotGo cannot be reached, queued in the
 * outbox (the grid and this panel show it as waiting; the status bar's outbox lists it). The
 * form checks what is typed with the contract's own schema and says what is wrong on the field.
 */
function PriceChange({ freight }: { freight: Freight }) {
  const reload = useDetail((state) => state.reload)
  const toast = useToasts((state) => state.show)
  const format = useFormat()
  const [open, setOpen] = useState(false)
  const [price, setPrice] = useState('')
  const [ceiling, setCeiling] = useState('')
  const [currency, setCurrency] = useState('EUR')
  const [term, setTerm] = useState('')
  const [saving, setSaving] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string | null>(null)
  const currencies = [
    ...new Set([...priceCurrencies, ...(freight.price ? [freight.price.currency] : [])]),
  ].map((code) => ({ value: code, label: format.currency(code) }))

  const start = () => {
    setPrice(freight.price ? String(freight.price.value) : '')
    setCeiling('')
    setCurrency(freight.price?.currency ?? 'EUR')
    setTerm(String(freight.price?.paymentTermDays ?? 30))
    setErrors({})
    setProblem(null)
    setOpen(true)
  }

  const number = (text: string) =>
    text.trim() === '' ? Number.NaN : Number(text.replace(',', '.'))

  const save = async () => {
    setProblem(null)
    const checked = FreightPriceChange.safeParse({
      price: number(price),
      ceiling: ceiling.trim() === '' ? null : number(ceiling),
      currency,
      paymentTermDays: number(term),
    })
    if (!checked.success) {
      const fields = fieldMessages(checked.error.issues)
      // A missing or unreadable number: say what to type, not what zod expected.
      for (const [field, label] of [
        ['price', 'Enter the price as a number, such as 1250'],
        ['ceiling', 'Enter the ceiling as a number, or leave it empty'],
        ['paymentTermDays', 'Enter the payment term in whole days, such as 30'],
      ] as const) {
        if (fields[field] && /expected number/i.test(fields[field])) fields[field] = label
      }
      setErrors(fields)
      focusFirstError(fields, pricePrefix)
      return
    }
    setSaving(true)
    setErrors({})
    try {
      const result = await call('freights.changePrice', { id: freight.id, change: checked.data })
      setOpen(false)
      toast({
        level: 'info',
        message:
          result.outcome === 'done'
            ? 'SpotGo has the new price.'
            : 'SpotGo cannot be reached: the new price waits in the outbox and is sent when it is back.',
      })
      await reload()
    } catch (failure) {
      const fields =
        failure instanceof AppErrorException && failure.error.fields
          ? Object.fromEntries(
              Object.entries(failure.error.fields).map(([key, message]) => [
                key.replace(/^change\./, ''),
                message,
              ]),
            )
          : {}
      if (Object.keys(fields).length > 0) {
        setErrors(fields)
        focusFirstError(fields, pricePrefix)
      } else {
        setProblem(errorMessage(failure))
      }
    } finally {
      setSaving(false)
    }
  }

  useEffect(() => {
    if (open) document.getElementById(fieldId('price', pricePrefix))?.focus()
  }, [open])

  if (freight.provider !== 'spotgo' || freight.goneAt) return null
  if (!open) {
    return (
      <div className="detail__actions">
        <button type="button" className="button" onClick={start}>
          Change price
        </button>
      </div>
    )
  }
  return (
    // Escape from any field of the form closes it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className="detail__price-form"
      aria-label="New price"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          setOpen(false)
        }
      }}
    >
      <TextField
        prefix={pricePrefix}
        field="price"
        label="Price"
        type="number"
        value={price}
        onChange={setPrice}
        errors={errors}
        required
      />
      <TextField
        prefix={pricePrefix}
        field="ceiling"
        label="Up to"
        type="number"
        value={ceiling}
        onChange={setCeiling}
        errors={errors}
      />
      <SelectField
        prefix={pricePrefix}
        field="currency"
        label="Currency"
        value={currency}
        options={currencies}
        onChange={setCurrency}
        errors={errors}
      />
      <TextField
        prefix={pricePrefix}
        field="paymentTermDays"
        label="Payment term (days)"
        type="number"
        inputMode="numeric"
        value={term}
        onChange={setTerm}
        errors={errors}
        required
      />
      <div className="detail__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Sending…' : 'Save price'}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}

function DetailBody({
  freight,
  annotation,
  readIssues,
}: {
  freight: Freight
  annotation: FreightAnnotation
  readIssues: readonly string[]
}) {
  const format = useFormat()
  // The accounts list names every account (and says which hold sample data) before any counts do.
  const account = useAccounts((state) =>
    state.accounts.find((each) => each.id === freight.accountId),
  )
  const pending = usePendingPrices().get(freight.id)
  const price = freight.price
  const dims = freight.dimensions
  const accountName = account?.name ?? accountNames.get(freight.accountId) ?? freight.accountId
  return (
    <>
      {freight.goneAt && (
        <p className="banner banner--warning" role="note">
          Gone since {format.dateTime(freight.goneAt)}: the last complete sync of this account no
          longer found it at {valueLabel(freight.provider)}.
        </p>
      )}
      {readIssues.length > 0 && (
        <div className="banner banner--warning detail__read-issues" role="note">
          <p>
            {valueLabel(freight.provider)} sent parts of this freight in a form its documentation
            does not describe. Fields left empty below could not be read; the payload at the end is
            kept as it came.
          </p>
          <ul>
            {readIssues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      <ProviderLink freight={freight} />
      <Section id={`overview-${freight.id}`} title="Freight">
        <Field label="Number">{freightNumber(freight)}</Field>
        <Field label="Provider">{valueLabel(freight.provider)}</Field>
        <Field label="Account">
          {accountName}
          {account?.sandbox ? (
            <>
              {' '}
              <SampleDataBadge />
            </>
          ) : null}
        </Field>
        <Field label="Account synced">
          <AccountSynced accountId={freight.accountId} accountName={accountName} />
        </Field>
        <Field label="Provider ID">{freight.providerId}</Field>
        <Field label="Reference">{freight.reference}</Field>
        <Field label="External number">{freight.externalNumber}</Field>
        <Field label="Status">
          {valueLabel(freight.status)} ({freight.statusRaw})
        </Field>
        <Field label="Transport">
          {freight.transportType ? valueLabel(freight.transportType) : null}
        </Field>
        <Field label="Publication">
          {valueLabel(freight.publication.state)}
          {freight.publication.types.length > 0
            ? ` on ${freight.publication.types.map(valueLabel).join(', ')}`
            : ''}
        </Field>
      </Section>
      <Section id={`loading-${freight.id}`} title="Loading">
        <StopFields stop={freight.loading} />
      </Section>
      <Section id={`unloading-${freight.id}`} title="Unloading">
        <StopFields stop={freight.unloading} />
      </Section>
      <Section id={`vehicle-${freight.id}`} title="Vehicle and load">
        <Field label="Truck bodies">{freight.truckBodies.map(valueLabel).join(', ')}</Field>
        <Field label="Vehicle sizes">
          {freight.vehicleSizes.length > 0
            ? freight.vehicleSizes.map(valueLabel).join(', ')
            : 'Any size'}
        </Field>
        <Field label="Capacity">{measure(format, freight.capacity, 't')}</Field>
        <Field label="Loading metres">{measure(format, freight.loadingMeters, 'ldm')}</Field>
        <Field label="Length">{measure(format, dims.length, 'm')}</Field>
        <Field label="Width">{measure(format, dims.width, 'm')}</Field>
        <Field label="Height">{measure(format, dims.height, 'm')}</Field>
        <Field label="Volume">{measure(format, dims.volume, 'm³')}</Field>
        <Field label="Temperature">
          {freight.temperature
            ? `${freight.temperature.min === null ? '…' : format.number(freight.temperature.min)} to ${freight.temperature.max === null ? '…' : format.number(freight.temperature.max)} °C`
            : null}
        </Field>
      </Section>
      <Section id={`price-${freight.id}`} title="Price">
        <Field label="Price">
          {pending ? (
            <span className="pending-price">
              <strong>{format.money(pending.change.price, pending.change.currency)}</strong>{' '}
              <span className={`pill pill--${pending.state === 'failed' ? 'danger' : 'warning'}`}>
                {pending.state === 'failed' ? 'refused by SpotGo' : 'waiting to be sent'}
              </span>
              <span className="muted">
                {' '}
                SpotGo has {price ? format.money(price.value, price.currency) : 'no price'}
              </span>
            </span>
          ) : price ? (
            format.money(price.value, price.currency)
          ) : null}
        </Field>
        <Field label="Payment term">
          {price?.paymentTermDays !== undefined
            ? `${format.number(price.paymentTermDays)} days`
            : null}
        </Field>
        <Field label="Payment">
          {price?.paymentMethod ? valueLabel(price.paymentMethod) : null}
        </Field>
      </Section>
      <PriceChange key={`price-${freight.id}`} freight={freight} />
      <section className="detail__section" aria-labelledby={`contacts-${freight.id}`}>
        <h3 id={`contacts-${freight.id}`}>Contacts</h3>
        {freight.contacts.length === 0 ? (
          <p className="muted">No contact given.</p>
        ) : (
          <ul className="detail__contacts">
            {freight.contacts.map((contact, index) => (
              <li key={index}>
                <strong>{contact.name}</strong>
                {contact.phone && <span>{contact.phone}</span>}
                {contact.email && <span>{contact.email}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Section id={`times-${freight.id}`} title="Times">
        <Field label="Created">{format.dateTime(freight.createdAt)}</Field>
        <Field label="Updated">
          {freight.updatedAt ? format.dateTime(freight.updatedAt) : null}
        </Field>
        <Field label="First synced">{format.dateTime(freight.firstSeenAt)}</Field>
        <Field label="Last synced">{format.dateTime(freight.lastSeenAt)}</Field>
        <Field label="Changed">{format.dateTime(freight.changedAt)}</Field>
        <Field label="Gone since">{freight.goneAt ? format.dateTime(freight.goneAt) : null}</Field>
      </Section>
      <Annotations key={freight.id} freight={freight} annotation={annotation} />
      <FreightDocumentsSection freight={freight} />
      <details className="detail__raw">
        <summary>Raw provider payload</summary>
        <pre>{JSON.stringify(freight.raw, null, 2)}</pre>
      </details>
    </>
  )
}

/** The side panel with every field of the open freight, its payload and the local notes. */
export function FreightDetailPanel({ onClose }: { onClose: () => void }) {
  const openId = useDetail((state) => state.openId)
  const detail = useDetail((state) => state.detail)
  const loading = useDetail((state) => state.loading)
  const error = useDetail((state) => state.error)
  if (openId === null) return null
  const freight = detail?.freight
  const title = freight ? freightNumber(freight) : 'Freight'
  return (
    <aside
      className="detail"
      aria-labelledby="freight-detail-title"
      data-region="detail"
      data-freight-id={openId}
    >
      <header className="detail__header">
        <h2 id="freight-detail-title" tabIndex={-1} data-region-target>
          {title}
        </h2>
        {freight && (
          <p className="muted detail__route">
            {freight.loading.place.country} {freight.loading.place.postalCode}{' '}
            {freight.loading.place.locality} → {freight.unloading.place.country}{' '}
            {freight.unloading.place.postalCode} {freight.unloading.place.locality}
          </p>
        )}
        <button
          type="button"
          className="button button--quiet button--icon detail__close"
          aria-label="Close detail (Escape)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="detail__body">
        {loading && !detail && <p className="muted">Loading…</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {detail && (
          <DetailBody
            freight={detail.freight}
            annotation={detail.annotation}
            readIssues={detail.readIssues ?? []}
          />
        )}
      </div>
    </aside>
  )
}
