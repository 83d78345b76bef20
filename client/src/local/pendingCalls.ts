/**
 * Requests a person asked for while offline that wait on this device for the
 * network ("share my answer", "send this note", "end our date night"). They
 * belong to whoever is signed in, so they leave the device with the rest of
 * that person's local data (`wipeLocalData`): another account signing in on
 * the same browser must never send them in its own name.
 */
const PREFIX = 'duet:pending:';

/** The localStorage key of one kind of waiting request, for `parts` (journal, day, id…). */
export function pendingKey(kind: string, ...parts: string[]): string {
  return `${PREFIX}${kind}:${parts.join(':')}`;
}

export function forgetPendingCalls(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // Without localStorage nothing waits here.
  }
}
