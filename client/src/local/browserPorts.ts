import type { Clock, OnlineSignal, OpenSocket, PageLifecycle, SocketLike, SpillStorage } from '../sync/ports';

/** The sync engine's ports (client/src/sync/ports.ts) as the browser provides them. */

export const browserClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export const browserOnline: OnlineSignal = {
  isOnline: () => navigator.onLine,
  subscribe(listener) {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
};

export const browserPage: PageLifecycle = {
  onHide(listener) {
    window.addEventListener('pagehide', listener);
    return () => window.removeEventListener('pagehide', listener);
  },
};

/**
 * The browser's WebSocket has every member of SocketLike; its event handler
 * types name the DOM's event classes, hence the cast.
 */
export const openBrowserSocket: OpenSocket = (url) => new WebSocket(url) as unknown as SocketLike;

/** localStorage, or a store that keeps nothing where it is blocked (the spill then reports failure). */
export function browserSpillStorage(): SpillStorage {
  try {
    const storage = window.localStorage;
    return {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
      key: (index) => storage.key(index),
      get length() {
        return storage.length;
      },
      subscribe(listener) {
        // Fired in every other tab of this origin, never in the one that wrote.
        const onStorage = (event: StorageEvent) => listener(event.key);
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
    };
  } catch {
    return {
      getItem: () => null,
      setItem: () => {
        throw new Error('localStorage is not available');
      },
      removeItem: () => undefined,
      key: () => null,
      length: 0,
    };
  }
}

/** The relay lives on the same origin as the page, under /collab. */
export function relayUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/collab`;
}

/** A ceiling between 2.5 and 5 s for each room's reconnect backoff, so clients do not retry in lockstep. */
export const jitteredBackoffMs = (): number => 2500 + Math.round(Math.random() * 2500);
