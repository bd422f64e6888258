import { useAppInfo } from './app-info-store'

export function StatusBar() {
  const info = useAppInfo((state) => state.info)
  const error = useAppInfo((state) => state.error)

  return (
    <footer className="status-bar" aria-label="Status">
      {error ? (
        <span className="status-bar__error" role="alert">
          {error}
        </span>
      ) : info ? (
        <>
          <span data-testid="app-version">
            {info.name} {info.version}
          </span>
          <span>{info.shell === 'web' ? 'Browser preview' : 'Desktop'}</span>
          <span className="status-bar__path" title={info.dataDir}>
            Data: {info.dataDir}
          </span>
        </>
      ) : (
        <span>Connecting…</span>
      )}
    </footer>
  )
}
