import type { Services } from '../core'
import type { Handlers } from './router'

/** Maps each contract channel to the service call that answers it; no business rules live here. */
export function createHandlers(services: Services): Handlers {
  return {
    'app.info': () => services.appInfo.info(),
    'app.notices': () => services.notices.list(),
    'app.openExternal': ({ url }) => services.externalLinks.open(url),
    'freights.query': (query) => services.freights.query(query),
    'freights.get': ({ id }) => services.freights.get(id),
    'freights.facets': (filter) => services.freights.facets(filter),
    'freights.annotate': (input) => services.freights.annotate(input),
    'freights.valueCounts': ({ dimension, filter }) =>
      services.valueCounts.counts(dimension, filter),
    'freights.export': (request) => services.exports.export(request),
    'grid.state': () => services.gridState.get(),
    'grid.saveState': (input) => services.gridState.save(input),
    'views.list': () => services.views.list(),
    'views.save': (input) => services.views.save(input),
    'views.remove': ({ id }) => services.views.remove(id),
    'accounts.list': () => services.accounts.list(),
    'accounts.add': (input) => services.accounts.add(input),
    'accounts.update': (input) => services.accounts.update(input),
    'accounts.remove': (input) => services.accounts.remove(input),
    'accounts.test': ({ id }) => services.accounts.test(id),
    'accounts.signIn.start': ({ id }) => services.accounts.startSignIn(id),
    'accounts.signIn.complete': (input) => services.accounts.completeSignIn(input),
    'accounts.signIn.cancel': ({ signInId }) => services.accounts.cancelSignIn(signInId),
    'sync.start': (input) => services.sync.engine.start(input?.accountId, 'manual'),
    'sync.cancel': (input) => ({ cancelled: services.sync.engine.cancel(input?.accountId) }),
    'sync.runs': ({ accountId, limit }) => services.sync.engine.runs(accountId, limit),
    'connectivity.get': () => services.sync.connectivity.get(),
    'freights.delete': ({ id }) => services.sync.outbox.deleteFreight(id),
    'outbox.list': () => services.sync.outbox.list(),
    'outbox.retry': ({ id }) => services.sync.outbox.retry(id),
    'outbox.discard': ({ id }) => services.sync.outbox.discard(id),
    'shares.createFreightLink': (input) => services.shares.createFreightLink(input),
    'shares.createDocumentLink': (input) => services.shares.createDocumentLink(input),
    'shares.list': (filter) => services.shares.list(filter),
    'shares.extend': (input) => services.shares.extend(input),
    'shares.revoke': ({ shareId }) => services.shares.revoke(shareId),
    'shares.copy': (input) => services.shares.copy(input),
    'documents.list': (input) => services.documents.list(input),
    'documents.get': (input) => services.documents.get(input),
    'documents.forFreight': ({ freightId }) => services.documents.forFreight(freightId),
  }
}
