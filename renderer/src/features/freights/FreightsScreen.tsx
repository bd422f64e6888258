export function FreightsScreen() {
  return (
    <section className="screen" aria-labelledby="freights-title">
      <h1 id="freights-title">Freights</h1>
      <p className="empty-state">
        No freights yet. Add a SpotGo or Trans.eu account under Accounts to sync your freights here.
      </p>
    </section>
  )
}
