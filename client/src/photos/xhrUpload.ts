import { PHOTO_ENTRY_FIELD, PHOTO_FILE_FIELD } from '#shared/api/photoTypes.js';
import type { StoredPhotoUpload } from '../local/photoUploadStore';
import type { UploadAttempt, UploadOutcome } from './PhotoUploadQueue';
import { photoUploadPath } from './photoPaths';

/**
 * Uploads one photo with XMLHttpRequest (fetch reports no upload progress):
 * `PUT /api/journals/:id/photos/:photoId`, multipart, the entry id first so
 * the server reads it before the file's bytes. Same origin, so the session
 * cookie goes with it.
 */
export function xhrUpload(upload: StoredPhotoUpload, onProgress: (sent: number, total: number) => void): UploadAttempt {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : upload.blob.size);
    xhr.onload = () => resolve(outcomeOf(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
    // No answer at all: offline, the server restarting, a dropped connection.
    xhr.onerror = () => resolve({ kind: 'later', retryAfterMs: null });
    xhr.ontimeout = () => resolve({ kind: 'later', retryAfterMs: null });
    xhr.onabort = () => resolve({ kind: 'later', retryAfterMs: null });
  });
  const form = new FormData();
  form.append(PHOTO_ENTRY_FIELD, upload.entryId);
  form.append(PHOTO_FILE_FIELD, upload.blob, fileName(upload.blob));
  xhr.open('PUT', photoUploadPath(upload.journalId, upload.photoId));
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}

function fileName(blob: Blob): string {
  return blob instanceof File && blob.name ? blob.name : 'photo';
}

/** What the server's answer means for the queue; the refusals are told in our own words, saying what to do. */
export function outcomeOf(status: number, body: string, retryAfter: string | null): UploadOutcome {
  if (status >= 200 && status < 300) return { kind: 'stored' };
  if (status === 401) return { kind: 'signedOut' };
  const error = parseError(body);
  // 507 is the journal being full: waiting will not help, the person has to choose.
  const mayPass = status === 0 || status === 408 || status === 429 || (status >= 500 && status !== 507);
  // The connection dropped mid-upload and the server saw the body cut short: the same photo again will do.
  if (mayPass || (status === 400 && error.code === 'upload_broken')) return { kind: 'later', retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'refused', refusal: { status, code: error.code ?? `http_${status}`, message: refusalMessage(status, error.message) } };
}

/**
 * The server's words where it said why (they name the limit and what to do),
 * ours where it did not (a proxy's page) or where its words are about the
 * request rather than the person (403, 404).
 */
function refusalMessage(status: number, serverMessage: string | null): string {
  if (serverMessage && status !== 403 && status !== 404) return serverMessage;
  switch (status) {
    case 413:
      return 'This photo is too big to keep (the limit is 25 MB). Try a smaller copy: most phones can share a photo at a smaller size.';
    case 415:
      return 'This file isn’t a photo Duet can read. JPEG, PNG and WebP photos work; try saving it as one of those.';
    case 422:
      return 'This photo seems damaged or incomplete, so it couldn’t be kept. Try adding it again from where it was saved.';
    case 507:
      return 'Your journal has no room left for photos. Remove some photos you no longer need, then try again.';
    case 403:
    case 404:
      return 'This photo can’t be added here: you may no longer be in this journal.';
    default:
      return `This photo couldn’t be kept (Duet answered ${status}). Try adding it again later.`;
  }
}

function parseError(body: string): { code: string | null; message: string | null } {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    return {
      code: typeof error?.code === 'string' ? error.code : null,
      message: typeof error?.message === 'string' && error.message ? error.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
