import { hashToken, newToken } from '../auth/sessionTokens.js';
import type { Mailer } from '../mail/Mailer.js';
import type { Logger } from '../relay/types.js';
import type { AccountStore } from '../storage/AccountStore.js';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 60 * 60 * 1000;

/** The path of the page a reset link opens (client/src/routing/routes.ts reads it). */
export const resetPath = (token: string): string => `/reset-password/${token}`;

export interface PasswordResetsOptions {
  storage: AccountStore;
  /** Null without SMTP: the link is written into the server's log for whoever runs Duet. */
  mailer: Mailer | null;
  log: Logger;
  now: () => number;
  /** Where links point (DUET_PUBLIC_URL, or the server's own address), never the request's Host header, which anyone can set. */
  publicUrl: () => string;
}

/**
 * Makes and sends reset links (docs/design/accounts.md). `send` runs after the request has been
 * answered, so whether the email has an account shows neither in the answer nor in its timing.
 */
export class PasswordResets {
  constructor(private readonly options: PasswordResetsOptions) {}

  /** Sends a link to the account with this email, if there is one; never throws. */
  async send(email: string): Promise<void> {
    const { storage, mailer, log, now, publicUrl } = this.options;
    try {
      const user = await storage.findUserByEmail(email);
      if (!user) return;
      const token = newToken();
      const at = now();
      await storage.createPasswordReset({ tokenHash: hashToken(token), userId: user.id, createdAt: at, expiresAt: at + RESET_LINK_TTL_MS }, at);
      const link = publicUrl().replace(/\/+$/, '') + resetPath(token);
      if (!mailer) {
        log.warn('password reset link (SMTP_URL is not set, so no mail was sent: give this link to the person)', { email: user.email, link });
        return;
      }
      await mailer.send({ to: user.email, subject: 'Choosing a new Duet password', text: resetMailText(user.name, link) });
    } catch (error) {
      log.error('could not send a password reset link', { error: String(error) });
    }
  }
}

function resetMailText(name: string, link: string): string {
  return [
    `Hello ${name},`,
    '',
    'Someone, we hope you, asked to choose a new password for your Duet account. Open this link within the hour to do it:',
    '',
    link,
    '',
    'The link works once. If you did not ask, you can let this mail be: your password stays as it is.',
    '',
    'Duet',
  ].join('\n');
}
