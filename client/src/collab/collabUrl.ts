/** The relay lives on the same origin as the page, under /collab. */
export function collabBaseUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/collab`;
}
