/**
 * Duet's service worker: it lets the app open with no network once it has
 * been used on this device. The build (client/build/serviceWorkerPlugin.ts)
 * turns this file into /sw.js and replaces `DUET_SW_MANIFEST` with the list of
 * built files and a hash of their contents, so every build is a new version.
 *
 * - Install: precache every built file under a cache named for the version.
 *   The new worker then waits; the page offers "Update" and only a click
 *   (a `skip-waiting` message) activates it, so nothing reloads under
 *   someone's fingers.
 * - Navigations: network first (fresh HTML when online), the cached
 *   index.html when the network fails or hangs.
 * - /assets/*: content-hashed, so cache first.
 * - /api/* and /collab/*: never touched. API answers are cached by the app
 *   itself (per user, cleared at logout); sockets are not fetches anyway.
 *
 * This file must stay self-contained (no imports): it runs as a classic script.
 */

interface Manifest {
  version: string;
  /** Paths relative to the site root, without a leading slash. */
  files: string[];
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: ReadonlyArray<MessagePort>;
}

interface WorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

declare const DUET_SW_MANIFEST: Manifest;

const worker = globalThis as unknown as WorkerScope;
const manifest: Manifest = DUET_SW_MANIFEST;
const CACHE_PREFIX = 'duet-';
const cacheName = `${CACHE_PREFIX}${manifest.version}`;
const SHELL = '/index.html';
/** How long a navigation waits for the network before the cached page is shown instead. */
const NAVIGATION_TIMEOUT_MS = 4000;
const precached = new Set(manifest.files.map((file) => `/${file}`));

worker.addEventListener('install', (event) => {
  // `cache: 'reload'` skips the HTTP cache, so a precache never mixes versions.
  const requests = [...precached].map((path) => new Request(path, { cache: 'reload' }));
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(requests)));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Keep the previous version too: a tab that was open before the update
      // may still load one of its lazy chunks.
      const ours = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== cacheName);
      const keep = ours.slice(-1);
      await Promise.all(ours.filter((name) => !keep.includes(name)).map((name) => caches.delete(name)));
      // On the very first install this makes the page that registered us
      // work offline without a reload. After an update it only happens once
      // the person clicked "Update", which reloads the page anyway.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data && data.type === 'skip-waiting') void worker.skipWaiting();
  // A page asks which files this version holds, to tell whether it already runs it.
  else if (data && data.type === 'files') event.ports[0]?.postMessage(manifest.files);
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(hashedAsset(request));
  } else if (precached.has(url.pathname)) {
    event.respondWith(precachedFile(request));
  }
});

async function navigation(request: Request): Promise<Response> {
  const cached = caches.open(cacheName).then((cache) => cache.match(SHELL));
  try {
    const network = fetch(request);
    // If the timeout wins, a later network failure must not surface as an unhandled rejection.
    network.catch(() => undefined);
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS));
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    // The network is slow: show the cached app if there is one, else keep waiting.
    return (await cached) ?? (await network);
  } catch (error) {
    const shell = await cached;
    if (shell) return shell;
    throw error;
  }
}

async function hashedAsset(request: Request): Promise<Response> {
  // Any version's cache will do: a hashed file never changes its content.
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(cacheName).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** Unhashed files (manifest, icons) come from this version's cache only. */
async function precachedFile(request: Request): Promise<Response> {
  const hit = await (await caches.open(cacheName)).match(request);
  return hit ?? fetch(request);
}
