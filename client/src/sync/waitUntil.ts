import type { Clock } from './ports';

/** Resolves true as soon as `test()` holds (checked on each `subscribe` notification), false after `timeoutMs`. */
export function waitUntil(clock: Clock, test: () => boolean, subscribe: (listener: () => void) => () => void, timeoutMs: number): Promise<boolean> {
  if (test()) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const finish = (result: boolean) => {
      clock.clearTimeout(timer);
      unsubscribe();
      resolve(result);
    };
    const timer = clock.setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = subscribe(() => {
      if (test()) finish(true);
    });
  });
}
