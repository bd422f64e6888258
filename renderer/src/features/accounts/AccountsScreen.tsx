export function AccountsScreen() {
  return (
    <section className="screen" aria-labelledby="accounts-title">
      <h1 id="accounts-title">Accounts</h1>
      <p className="empty-state">No accounts yet.</p>
    </section>
  )
}
