/**
 * The sizes the server keeps of each photo, by the longest edge in pixels
 * (never enlarged): `full` for the full-screen view on large screens and for
 * export, `display` for an entry, `thumb` for grids (Memories, On This Day).
 */
export const PHOTO_LONG_EDGE = { full: 4096, display: 1600, thumb: 400 } as const;

export type PhotoSize = keyof typeof PHOTO_LONG_EDGE;

export const PHOTO_SIZES = Object.keys(PHOTO_LONG_EDGE) as readonly PhotoSize[];
