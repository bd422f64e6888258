/**
 * A read (an IPC call) and the events that keep the same entries fresh travel separately, so an
 * event can arrive before the answer of a read that started earlier. An entry an event brought
 * after the read started is newer than the read's copy and must not be overwritten by it.
 */
export interface ReadTracker {
  /** Notes that an event brought this entry. */
  heard(key: string): void
  /** Marks a read's start; the returned function merges its answer into the entries now held. */
  startRead(): <T>(
    current: Readonly<Record<string, T>>,
    read: Readonly<Record<string, T>>,
  ) => Record<string, T>
}

export function createReadTracker(): ReadTracker {
  let counter = 0
  const lastHeard = new Map<string, number>()
  return {
    heard(key) {
      lastHeard.set(key, ++counter)
    },
    startRead() {
      const startedAt = counter
      return (current, read) => {
        const merged = { ...read }
        for (const key of Object.keys(read)) {
          const heardAt = lastHeard.get(key)
          const newer = current[key]
          if (heardAt !== undefined && heardAt > startedAt && newer !== undefined)
            merged[key] = newer
        }
        return merged
      }
    },
  }
}
