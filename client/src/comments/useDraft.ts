import { useCallback, useState } from 'react';

const drafts = new Map<string, string>();

/**
 * useState for text someone is writing (a reply, an edit), kept for as long
 * as the page is open: the comments panel unmounts when the sheet closes or
 * the window is resized across the wide layout, and a half-written reply must
 * not go with it. `null` means no draft. Keys include the user, so another
 * account signing in on the same page never sees it.
 */
export function useDraft(key: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => drafts.get(key) ?? null);
  const set = useCallback(
    (next: string | null) => {
      if (next === null) drafts.delete(key);
      else drafts.set(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}
