import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** A number that changes whenever `doc` does, so views that read it re-render. */
export function useDocVersion(doc: Y.Doc | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!doc) return;
    const bump = () => setVersion((v) => v + 1);
    doc.on('update', bump);
    bump();
    return () => doc.off('update', bump);
  }, [doc]);
  return version;
}
