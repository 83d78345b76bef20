import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The address a request comes from, for rate limits. Behind a reverse proxy
 * (DUET_TRUST_PROXY=1) that is the first X-Forwarded-For entry. IPv6 addresses
 * are grouped by /64, since one household or host holds a whole /64.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
  const address = forwarded || req.socket.remoteAddress || 'unknown';
  if (!isIPv6(address) || address.startsWith('::ffff:')) return address;
  return expandIPv6(address).slice(0, 4).join(':') + '::/64';
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  return [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
}

/**
 * Whether a browser request was made by a page of this site. Browsers send
 * Sec-Fetch-Site and Origin on cross-site requests; a request with neither is
 * not from a browser page (curl, a native client), where the cookie is the
 * whole credential.
 */
export function isSameOrigin(req: IncomingMessage, trustProxy: boolean): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = (trustProxy && req.headers['x-forwarded-host']) || req.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
