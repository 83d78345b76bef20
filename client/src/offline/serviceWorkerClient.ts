import { useSyncExternalStore } from 'react';

/**
 * The page's side of the service worker (client/sw/serviceWorker.ts):
 * registers it, notices when a new version has installed and is waiting,
 * and activates it only when the person asks. The reload that follows the
 * switch happens only after that click, never because another tab updated.
 */

/** How often an open tab asks the server whether there is a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let waiting: ServiceWorker | null = null;
let updateRequested = false;
const listeners = new Set<() => void>();

function setWaiting(worker: ServiceWorker | null): void {
  if (worker === waiting) return;
  waiting = worker;
  for (const listener of listeners) listener();
}

/** Registers /sw.js. Call once, in production builds only (development must never be served from a cache). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  container.addEventListener('controllerchange', () => {
    if (updateRequested) window.location.reload();
  });
  // After the page has loaded, so installing (which downloads every file) does not compete with it.
  const register = () => {
    container.register('/sw.js').then(watch, (error: unknown) => console.warn('Duet could not install its offline support', error));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function watch(registration: ServiceWorkerRegistration): void {
  const container = navigator.serviceWorker;
  // A worker waits only when a previous one controls the page; without a
  // controller this is the first install, and nothing needs updating.
  if (registration.waiting && container.controller) void offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    if (!installing) return;
    installing.addEventListener('statechange', () => {
      if (installing.state === 'installed' && container.controller) void offer(installing);
    });
  });
  const check = () => {
    if (navigator.onLine) registration.update().catch(() => undefined);
  };
  setInterval(check, UPDATE_CHECK_MS);
  window.addEventListener('online', check);
}

/**
 * Shows "Update" for a waiting version, unless this page already runs it:
 * navigations go to the network first, so a reload after a deploy gets the
 * new page while the old worker still controls it. Then the new worker is
 * simply let in, with no reload and nothing to ask.
 */
async function offer(worker: ServiceWorker): Promise<void> {
  if (await runsVersionOf(worker)) worker.postMessage({ type: 'skip-waiting' });
  else setWaiting(worker);
}

/** Whether this page's own script is one of the files the worker precaches. */
function runsVersionOf(worker: ServiceWorker): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const channel = new MessageChannel();
    const own = new URL(import.meta.url).pathname.replace(/^\//, '');
    const timer = setTimeout(() => resolve(false), 2000);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      clearTimeout(timer);
      resolve(Array.isArray(event.data) && event.data.includes(own));
    };
    worker.postMessage({ type: 'files' }, [channel.port2]);
  });
}

/** Activates the waiting version; the page reloads when it takes over. */
export function applyUpdate(): void {
  if (!waiting) return;
  updateRequested = true;
  // Another tab already switched to it (its controllerchange does not reload
  // this one): this page only has to load the new version.
  if (waiting.state === 'activating' || waiting.state === 'activated') window.location.reload();
  else waiting.postMessage({ type: 'skip-waiting' });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while a new version is installed and waiting for the person to choose "Update". */
export function useUpdateWaiting(): boolean {
  return useSyncExternalStore(subscribe, () => waiting !== null);
}
