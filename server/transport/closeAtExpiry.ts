/** setTimeout's longest delay (about 24.8 days); sessions last longer, so long waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `close` when the clock `now` reaches `expiresAt`. The wait is measured
 * on `now` (the server's clock, which tests may move) and re-checked after
 * each timer, so a long session is closed on time however it is split.
 */
export function closeAtExpiry(close: () => void, expiresAt: number, now: () => number): { cancel(): void } {
  let timer: NodeJS.Timeout | null = null;
  const arm = () => {
    const left = expiresAt - now();
    if (left <= 0) {
      timer = null;
      close();
      return;
    }
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return {
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
