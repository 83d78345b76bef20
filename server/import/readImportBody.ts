import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/HttpError.js';

/** A journal.json of ten years with every comment is some megabytes; this leaves room and bounds one request. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Reads the uploaded journal.json (JSON, at most MAX_IMPORT_BYTES); clear refusals for the wrong kind of file. */
export async function readImportBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the journal.json file from your export as JSON (Content-Type: application/json).');
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMPORT_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'This file is not valid JSON. Choose the journal.json file from inside your Duet download.');
  }
}

function tooLarge(): HttpError {
  return new HttpError(413, 'body_too_large', `This file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most one import takes.`);
}
