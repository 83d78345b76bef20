/** The largest WebSocket frame the relay accepts, in bytes. A 10,000-word entry is about 100 KB. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** The largest awareness state (its JSON text) one client may publish, in characters. */
export const MAX_AWARENESS_STATE_CHARS = 8 * 1024;

/** A socket whose unsent data exceeds this is cut off rather than buffered without end. */
export const MAX_SEND_BUFFER_BYTES = 32 * 1024 * 1024;
