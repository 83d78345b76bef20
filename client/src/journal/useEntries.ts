import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { entriesMap, readEntries, type EntrySummary } from '#shared/documents/journalIndex.js';

/** The index's entries, newest first, re-read whenever any client changes them. */
export function useEntries(doc: Y.Doc | null): EntrySummary[] {
  const [entries, setEntries] = useState<EntrySummary[]>([]);
  useEffect(() => {
    if (!doc) {
      setEntries([]);
      return;
    }
    const map = entriesMap(doc);
    const refresh = () => setEntries(readEntries(doc));
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [doc]);
  return entries;
}
