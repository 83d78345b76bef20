/**
 * Keys typed between an action and the field meant to receive them. "New
 * entry" leaves the timeline at once, and the entry page, its title and its
 * editor take a moment to exist (the page's code, the document's local copy):
 * a person who starts typing straight away must not lose those keys. While a
 * type-ahead runs, plain keys aimed at no field are kept here instead of
 * falling on the page, and the field that finally appears takes them.
 */

/** A type-ahead nobody takes is dropped after this long (the page never opened). */
const GIVE_UP_MS = 30_000;

let buffer: string[] | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** A target that handles keys itself: a field, or a control Enter and Space press (a link, a button). */
function handlesKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, button, a[href], [role="button"]') !== null;
}

function onKeyDown(event: KeyboardEvent): void {
  if (buffer === null || handlesKeys(event.target) || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (event.key.length === 1) buffer.push(event.key);
  else if (event.key === 'Enter') buffer.push('\n');
  else if (event.key === 'Backspace') buffer.pop();
  else return;
  event.preventDefault();
}

/** Stops keeping keys (the page that would take them went away); what was kept is dropped. */
export function stopTypeAhead(): void {
  window.removeEventListener('keydown', onKeyDown, true);
  if (timer !== null) clearTimeout(timer);
  timer = null;
  buffer = null;
}

/** Starts keeping the keys typed from now until `takeTypeAhead`. */
export function startTypeAhead(): void {
  stopTypeAhead();
  buffer = [];
  window.addEventListener('keydown', onKeyDown, true);
  timer = setTimeout(stopTypeAhead, GIVE_UP_MS);
}

export function typeAheadRunning(): boolean {
  return buffer !== null;
}

/** The keys kept so far, as text ("\n" for Enter), and the end of keeping them. */
export function takeTypeAhead(): string {
  const text = buffer?.join('') ?? '';
  stopTypeAhead();
  return text;
}
