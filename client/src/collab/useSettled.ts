import { useEffect, useState } from 'react';

/**
 * `value`, shown only once it has held for `delayFor(value)` milliseconds (0:
 * at once); until then the last value shown stays. A state that comes and
 * goes faster than its delay is never shown.
 */
export function useSettled<T>(value: T, delayFor: (value: T) => number): T {
  const [settled, setSettled] = useState(value);
  const delay = delayFor(value);
  // A value without delay is shown at once (state adjusted during render, React's pattern for derived state).
  if (delay <= 0 && settled !== value) setSettled(value);
  useEffect(() => {
    if (delay <= 0) return;
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return delay <= 0 ? value : settled;
}
