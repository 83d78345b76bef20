import type { Logger } from './relay/types.js';

/** One JSON line per event on stderr, so logs stay greppable and machine-readable. */
export function jsonLogger(minLevel: 'info' | 'warn' | 'error' = 'info'): Logger {
  const levels = { info: 0, warn: 1, error: 2 };
  const write = (level: keyof typeof levels) => (message: string, fields?: Record<string, unknown>) => {
    if (levels[level] < levels[minLevel]) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
