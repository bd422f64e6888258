export function SharesScreen() {
  return (
    <section className="screen" aria-labelledby="shares-title">
      <h1 id="shares-title">Shares</h1>
      <p className="empty-state">Links you share from Freightdesk will be listed here.</p>
    </section>
  )
}
