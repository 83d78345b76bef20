import { useSyncExternalStore } from 'react';

/**
 * A tiny wrapper over the History API. Navigation is rare and the app has six
 * routes, so a router library would be more code to learn than to write.
 */

const NAVIGATE_EVENT = 'duet:navigate';

export interface Location {
  pathname: string;
  search: string;
}

let cached: Location = read();

function read(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): Location {
  // useSyncExternalStore needs a stable object while nothing changed.
  const now = read();
  if (now.pathname !== cached.pathname || now.search !== cached.search) cached = now;
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

/** `keepScroll`: the same page shown another way (a filter, a month), so the reader stays where they are. */
export function navigate(to: string, options: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** Reads one query parameter of the current URL. */
export function queryParam(search: string, name: string): string | null {
  return new URLSearchParams(search).get(name);
}

/** Builds `path?key=value` leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Only same-site paths are accepted as a post-login destination, so a crafted
 * `?next=https://evil.example` link cannot bounce a fresh session elsewhere.
 */
export function safeNextPath(next: string | null): string | null {
  if (next === null || !next.startsWith('/') || next.startsWith('//')) return null;
  return next;
}
