import type { DocumentRegistry, ParsedRoom } from '#shared/documents/registry.js';
import type { LoginGuard } from './auth/LoginGuard.js';
import type { PasswordHasher } from './auth/PasswordHasher.js';
import type { RateLimiter } from './auth/RateLimiter.js';
import type { Relay } from './relay/Relay.js';
import type { FarewellArchives } from './export/FarewellArchives.js';
import type { Logger } from './relay/types.js';
import type { Storage } from './storage/Storage.js';

/** What request handlers share: storage, the relay (to cut off sockets) and settings. */
export interface AppContext {
  storage: Storage;
  relay: Relay;
  /** The kinds of shared document, to read room names and decide who may open them. */
  documents: DocumentRegistry;
  log: Logger;
  secureCookies: boolean;
  /** Behind a reverse proxy: take the client address and host from X-Forwarded-* headers. */
  trustProxy: boolean;
  loginGuard: LoginGuard;
  signupLimiter: RateLimiter;
  /** Every password hash goes through it, so a flood of logins cannot take the thread pool. */
  passwords: PasswordHasher;
  now: () => number;
  /**
   * What the server writes into a room before a member's socket first reaches
   * it (a week's check-in: its members and carried items); false when the
   * room may not exist yet (a week that has not begun), answered 404.
   */
  prepareRoom?: (room: ParsedRoom) => Promise<boolean>;
  /** The copy a member takes with them when they leave or are removed (docs/design/export.md). */
  farewells?: FarewellArchives;
}
