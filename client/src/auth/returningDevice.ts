/**
 * Whether someone has signed in to Duet in this browser before. A first visit
 * is met with what Duet is and a sign-up; a returning one goes straight to
 * "Log in". Kept through logout on purpose: it says nothing about who.
 */
const KEY = 'duet:returning';

export function isReturningDevice(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberReturningDevice(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Private mode without storage: the next visit simply sees the welcome again.
  }
}
