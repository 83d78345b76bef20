import type { IncomingMessage } from 'node:http';
import { isIP, isIPv4 } from 'node:net';

/**
 * The value a trusted reverse proxy added to a list-valued forwarding header.
 * Proxies append to X-Forwarded-For (and some to X-Forwarded-Host), so every
 * entry but the last was written by whoever sent the request: the client can
 * put anything there. Node joins repeated headers with ", ", so the last entry
 * of the joined value is still the proxy's own.
 */
export function lastForwardedEntry(header: string | string[] | undefined): string {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  const entries = joined.split(',');
  return entries[entries.length - 1].trim();
}

/**
 * The address a request comes from, for rate limits. Behind a reverse proxy
 * (DUET_TRUST_PROXY=1) that is the last X-Forwarded-For entry, the one the
 * proxy appended. The result is a canonical key: one client is one key however
 * its address is written, and IPv6 addresses are grouped by /64, since one
 * household or host holds a whole /64.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? parseAddress(lastForwardedEntry(req.headers['x-forwarded-for'])) : null;
  const address = forwarded ?? parseAddress(req.socket.remoteAddress ?? '');
  if (!address) return 'unknown';
  return isIPv4(address) ? address : ipv6Prefix64(address);
}

/**
 * An IP address from a header or socket, without port, brackets or zone, with
 * IPv4-mapped IPv6 turned into plain IPv4; null if it is not an address (a
 * misconfigured proxy), so the caller falls back to the socket's address.
 */
function parseAddress(text: string): string | null {
  let address = text;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, '');
  if (isIPv4(address)) return address;
  if (isIP(address) !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** The /64 of an IPv6 address in one spelling: `2001:db8:0:1::/64` whether written `2001:DB8::1:...` or `2001:0db8:0000:0001:...`. */
function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.split('::');
  const toGroups = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          // An IPv4 tail (::1.2.3.4) is the last two groups.
          const [a, b, c, d] = group.split('.').map(Number);
          return [a * 256 + b, c * 256 + d];
        });
  const left = toGroups(head);
  const right = toGroups(tail);
  const groups = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.slice(0, 4).map((g) => g.toString(16)).join(':') + '::/64';
}

/**
 * Whether a browser request was made by a page of this site. Browsers send
 * Sec-Fetch-Site and Origin on cross-site requests; a request with neither is
 * not from a browser page (curl, a native client), where the cookie is the
 * whole credential. Behind a proxy the public host is the one the proxy put
 * in X-Forwarded-Host (its last entry, as for X-Forwarded-For).
 */
export function isSameOrigin(req: IncomingMessage, trustProxy: boolean): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  const host = (trustProxy && lastForwardedEntry(req.headers['x-forwarded-host'])) || req.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
