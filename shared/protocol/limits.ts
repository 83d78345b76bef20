/** The largest WebSocket frame the relay accepts, in bytes. A 10,000-word entry is about 100 KB. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The largest awareness state (its JSON text) one client may publish, in characters. */
export const MAX_AWARENESS_STATE_CHARS = 8 * 1024;

/** A socket whose unsent data would exceed this is cut off (4429) rather than buffered without end. */
export const MAX_SEND_BUFFER_BYTES = 32 * 1024 * 1024;

/** The most unsent data the relay holds for one person over all their sockets (4429 beyond). */
export const MAX_USER_SEND_BYTES = 64 * 1024 * 1024;

/** Frames from this size up are checked against MAX_USER_SEND_BYTES (small ones only per socket). */
export const LARGE_FRAME_BYTES = 64 * 1024;

/**
 * Open sockets one person may hold (a device opens one per open document, a
 * few more while it syncs in the background: some ten), and one address (a
 * household or an office behind one router). Beyond them the upgrade is
 * answered 429 and no socket opens.
 */
export const MAX_SOCKETS_PER_USER = 64;
export const MAX_SOCKETS_PER_ADDRESS = 256;

/**
 * Updates a socket sent that wait for changes the relay lacks (a client back
 * from offline types before its sync reply arrives) are kept, unapplied and
 * unstored, up to these bounds; beyond them the socket is sent to sync first
 * (OutOfOrder). A few seconds of typing is a few kilobytes.
 */
export const MAX_HELD_UPDATES = 256;
export const MAX_HELD_BYTES = 256 * 1024;
/** The same over all the sockets of one room. */
export const MAX_HELD_BYTES_PER_ROOM = 4 * 1024 * 1024;

/**
 * The most text one paste or drop may add to an entry, in characters. A paste
 * becomes one update, and an update over MAX_MESSAGE_BYTES would be refused by
 * the relay on every reconnect; this leaves room for UTF-8 (up to 3 bytes per
 * character of most scripts) and the formatting around it.
 */
export const MAX_PASTE_CHARS = 1_000_000;

/**
 * How much one person may send to the relay, over all their sockets together
 * (tabs, devices, background sync) and across reconnects. Two token buckets:
 * messages and bytes, each refilled at a steady rate up to a burst. A person
 * typing fast sends some 30 messages a second (an update and a caret move per
 * keystroke); signing in on a new device syncs each recent entry with a few
 * messages; a reconnect after a day offline sends one large sync message. A
 * socket that finds the budget spent is closed with RateExceeded and may come
 * back after its backoff, to the same budget.
 */
export const USER_RATE = {
  messagesPerSecond: 300,
  burstMessages: 3000,
  // Typing sends a few kilobytes a second; large frames come only after time
  // offline. Each megabyte of update costs the relay up to ~0.25 s to check
  // and apply, so the steady rate is what bounds one person's share of it.
  bytesPerSecond: 1024 * 1024,
  burstBytes: 16 * 1024 * 1024,
} as const;

/**
 * What an update that makes the relay reload its room (one a rule refused
 * after applying it) costs its sender, in bytes of USER_RATE's byte budget:
 * four seconds' worth, so after a burst of four such updates a person gets at
 * most one every four seconds, each closing their socket.
 */
export const RESET_COST_BYTES = 4 * 1024 * 1024;

export type RateLimits = { readonly [K in keyof typeof USER_RATE]: number };
