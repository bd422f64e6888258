import type { Freight } from '@shared/domain/freight'

/**
 * The documents (Crego) and share links of one freight. Sharing (issue 9) fills this section with
 * the freight's documents and its links; until then it only says that nothing is known here.
 */
export function FreightDocumentsSection({ freight }: { freight: Freight }) {
  return (
    <section className="detail__section" aria-labelledby={`documents-${freight.id}`}>
      <h3 id={`documents-${freight.id}`}>Documents and share links</h3>
      <p className="muted">
        Documents and share links of freights are not available in this version yet.
      </p>
    </section>
  )
}
