import { useState, type ReactNode } from 'react'
import type { Freight, FreightAnnotation, Stop } from '@shared/domain/freight'
import { formatInstant, formatNumber, valueLabel } from '@shared/freight-format'
import { call, errorMessage } from '../../../api/client'
import { useToasts } from '../../../app/toast-store'
import { useAccounts } from '../../accounts/accounts-store'
import { SampleDataBadge } from '../../sandbox/SampleDataOffer'
import { openLink, useNow } from '../../shares/share-actions'
import { exactTime, useSync } from '../../sync/sync-store'
import { accountSyncLabel } from '../account-sync'
import { useDetail } from '../detail-store'
import { countryLabel, hasModKey } from '../labels'
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

const measure = (value: number | null, unit: string) =>
  value === null ? null : `${formatNumber(value)} ${unit}`

function StopFields({ stop }: { stop: Stop }) {
  const { place, window } = stop
  return (
    <>
      <Field label="Place">{place.locality}</Field>
      <Field label="Postal code">{place.postalCode}</Field>
      <Field label="Country">{countryLabel(place.country)}</Field>
      <Field label="From">{formatInstant(window.start, window.timeZone)}</Field>
      <Field label="Until">{formatInstant(window.end, window.timeZone)}</Field>
      <Field label="Time zone">{window.timeZone}</Field>
      <Field label="Coordinates">
        {place.latitude !== undefined && place.longitude !== undefined
          ? `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`
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
  const now = useNow(30_000)
  if (!entry) return null
  const label = accountSyncLabel(accountName, entry.lastSyncedAt, now)
  if (label.syncedAt === null) return 'Never'
  return (
    <time dateTime={label.syncedAt} title={label.title}>
      {label.text} ({exactTime(label.syncedAt)})
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
  const noteChanged = note !== annotation.note

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

  const addTag = () => {
    const value = tag.trim()
    if (!value) return
    if (annotation.tags.includes(value)) {
      setTag('')
      return
    }
    if (annotation.tags.length >= 20) {
      setError('A freight can carry at most 20 tags. Remove one first.')
      return
    }
    setTag('')
    void change({ tags: [...annotation.tags, value] })
  }

  return (
    <section className="detail__section" aria-labelledby={`notes-${freight.id}`}>
      <h3 id={`notes-${freight.id}`}>Your notes (only on this computer)</h3>
      <div className="detail__note">
        {/* Not wrapped in the label: a textarea's text would become part of its name. */}
        <label htmlFor={`note-${freight.id}`}>Note</label>
        <textarea
          id={`note-${freight.id}`}
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
          className="primary-button"
          disabled={!noteChanged || saving}
          onClick={() => void change({ note }, 'Note saved.')}
        >
          Save note
        </button>
        {noteChanged && (
          <button type="button" className="toolbar-button" onClick={() => setNote(annotation.note)}>
            Discard changes
          </button>
        )}
      </div>
      <div className="detail__tags">
        <span id={`tags-${freight.id}`}>Tags</span>
        <ul aria-labelledby={`tags-${freight.id}`}>
          {annotation.tags.map((each) => (
            <li key={each} className="filter-chip">
              <span>{each}</span>
              <button
                type="button"
                aria-label={`Remove tag ${each}`}
                disabled={saving}
                onClick={() => void change({ tags: annotation.tags.filter((t) => t !== each) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
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
          className="toolbar-button"
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
            className="toolbar-button"
            disabled={saving}
            onClick={() => void change({ seen: false })}
          >
            Mark as unseen
          </button>
        )}
      </div>
      {error && (
        <p className="detail__error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

/**
 * A SpotGo freight's new price, sent at once or, while SpotGo cannot be reached, queued in the
 * outbox (the status bar shows it there, with retry and discard).
 */
function PriceChange({ freight }: { freight: Freight }) {
  const reload = useDetail((state) => state.reload)
  const toast = useToasts((state) => state.show)
  const [open, setOpen] = useState(false)
  const [price, setPrice] = useState('')
  const [ceiling, setCeiling] = useState('')
  const [currency, setCurrency] = useState('')
  const [term, setTerm] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const start = () => {
    setPrice(freight.price ? String(freight.price.value) : '')
    setCeiling('')
    setCurrency(freight.price?.currency ?? 'EUR')
    setTerm(String(freight.price?.paymentTermDays ?? 30))
    setError(null)
    setOpen(true)
  }

  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      const result = await call('freights.changePrice', {
        id: freight.id,
        change: {
          price: Number(price),
          ceiling: ceiling.trim() === '' ? null : Number(ceiling),
          currency: currency.trim().toUpperCase(),
          paymentTermDays: Number(term),
        },
      })
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
      setError(errorMessage(failure))
    } finally {
      setSaving(false)
    }
  }

  if (freight.provider !== 'spotgo' || freight.goneAt) return null
  if (!open) {
    return (
      <div className="detail__actions">
        <button type="button" className="toolbar-button" onClick={start}>
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
      <label>
        Price
        <input
          type="number"
          min="0"
          step="any"
          required
          // The form opens at the dispatcher's request; its one field takes the keyboard.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          value={price}
          onChange={(event) => setPrice(event.target.value)}
        />
      </label>
      <label>
        Up to (optional)
        <input
          type="number"
          min="0"
          step="any"
          value={ceiling}
          onChange={(event) => setCeiling(event.target.value)}
        />
      </label>
      <label>
        Currency
        <input
          maxLength={3}
          required
          value={currency}
          onChange={(event) => setCurrency(event.target.value)}
        />
      </label>
      <label>
        Payment term (days)
        <input
          type="number"
          min="0"
          max="365"
          step="1"
          required
          value={term}
          onChange={(event) => setTerm(event.target.value)}
        />
      </label>
      <div className="detail__actions">
        <button type="submit" className="primary-button" disabled={saving}>
          {saving ? 'Sending…' : 'Save price'}
        </button>
        <button type="button" className="toolbar-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="detail__error" role="alert">
          {error}
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
  // The accounts list names every account (and says which hold sample data) before any counts do.
  const account = useAccounts((state) =>
    state.accounts.find((each) => each.id === freight.accountId),
  )
  const price = freight.price
  const dims = freight.dimensions
  const accountName = account?.name ?? accountNames.get(freight.accountId) ?? freight.accountId
  return (
    <>
      {freight.goneAt && (
        <p className="detail__gone" role="note">
          Gone since {formatInstant(freight.goneAt)}: the last complete sync of this account no
          longer found it at {valueLabel(freight.provider)}.
        </p>
      )}
      {readIssues.length > 0 && (
        <div className="detail__read-issues" role="note">
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
        <Field label="Capacity">{measure(freight.capacity, 't')}</Field>
        <Field label="Loading metres">{measure(freight.loadingMeters, 'ldm')}</Field>
        <Field label="Length">{measure(dims.length, 'm')}</Field>
        <Field label="Width">{measure(dims.width, 'm')}</Field>
        <Field label="Height">{measure(dims.height, 'm')}</Field>
        <Field label="Volume">{measure(dims.volume, 'm³')}</Field>
        <Field label="Temperature">
          {freight.temperature
            ? `${freight.temperature.min ?? '…'} to ${freight.temperature.max ?? '…'} °C`
            : null}
        </Field>
      </Section>
      <Section id={`price-${freight.id}`} title="Price">
        <Field label="Price">
          {price ? `${formatNumber(price.value)} ${price.currency}` : null}
        </Field>
        <Field label="Payment term">
          {price?.paymentTermDays !== undefined ? `${price.paymentTermDays} days` : null}
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
        <Field label="Created">{formatInstant(freight.createdAt)}</Field>
        <Field label="Updated">{freight.updatedAt ? formatInstant(freight.updatedAt) : null}</Field>
        <Field label="First synced">{formatInstant(freight.firstSeenAt)}</Field>
        <Field label="Last synced">{formatInstant(freight.lastSeenAt)}</Field>
        <Field label="Changed">{formatInstant(freight.changedAt)}</Field>
        <Field label="Gone since">{freight.goneAt ? formatInstant(freight.goneAt) : null}</Field>
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
  const title = freight
    ? (freight.reference ?? freight.externalNumber ?? freight.providerId)
    : 'Freight'
  return (
    <aside className="detail" aria-labelledby="freight-detail-title">
      <header className="detail__header">
        <h2 id="freight-detail-title">{title}</h2>
        {freight && (
          <p className="muted">
            {freight.loading.place.locality} → {freight.unloading.place.locality}
          </p>
        )}
        <button
          type="button"
          className="detail__close"
          aria-label="Close detail (Escape)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="detail__body">
        {loading && !detail && <p className="muted">Loading…</p>}
        {error && (
          <p className="detail__error" role="alert">
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
