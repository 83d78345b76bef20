/**
 * Whether focus is where nobody chose to put it: nowhere, or on the page's
 * heading, where the app moves it after navigation so screen readers hear the
 * new page. Code that would place the caret for the person (a new entry's
 * title) may take focus from there, never from a field they clicked.
 */
export function focusUnclaimed(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || active.matches('main h1');
}
