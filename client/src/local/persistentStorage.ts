let asked = false;

/**
 * Asks the browser not to evict this site's storage under pressure. Safari
 * otherwise deletes script-written data after seven days without a visit,
 * which would take unsynced offline writing with it. Asked once per page
 * load; the browser may say no (or decide silently), and the app works either way.
 */
export function requestPersistentStorage(): void {
  if (asked) return;
  asked = true;
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  void navigator.storage
    .persisted()
    .then((already) => (already ? true : navigator.storage.persist()))
    .catch(() => false);
}
