/**
 * Whether "download everything" can be offered before deleting an account. The export (issue 11,
 * parts 1–3) is built separately; until it exists the button is not shown. When it lands, set this
 * to true and point EXPORT_PATH at its download.
 */
export const EXPORT_READY = false;
export const EXPORT_PATH = '/api/me/export';
