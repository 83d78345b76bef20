import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { entriesMap, readEntrySummary, type EntrySummary } from '#shared/documents/journalIndex.js';

/** One entry's index record, kept current. Null while it is not (or no longer) in the index. */
export function useEntrySummary(indexDoc: Y.Doc | null, entryId: string): EntrySummary | null {
  const [summary, setSummary] = useState<EntrySummary | null>(null);
  useEffect(() => {
    if (!indexDoc) {
      setSummary(null);
      return;
    }
    const map = entriesMap(indexDoc);
    const refresh = () => setSummary(readEntrySummary(indexDoc, entryId));
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [indexDoc, entryId]);
  return summary;
}
