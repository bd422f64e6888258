/**
 * A read (an IPC call) and the events that keep the same entries fresh travel separately, so an
 * event can arrive before the answer of a read that started earlier, and two reads can answer in
 * the other order. An entry an event brought after a read started is newer than the read's copy,
 * and a read that started after another has answered is newer than it: neither is overwritten.
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
  let newestApplied = -1
  return {
    heard(key) {
      lastHeard.set(key, ++counter)
    },
    startRead() {
      const startedAt = ++counter
      return (current, read) => {
        if (startedAt < newestApplied) return { ...current }
        newestApplied = startedAt
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
