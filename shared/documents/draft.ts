import { isValidId } from '../model/ids.js';
import type { DocumentKind } from './DocumentKind.js';
import { ENTRY_SHAPE } from './entry.js';
import { ownedId, roomName } from './roomNames.js';

/**
 * A quiet draft (`<journalId>/draft-<writerId>.<draftId>`): an entry-shaped
 * document (the body and title fields of `entry.ts`) that only its writer's
 * devices ever receive; nothing releases it. Sharing it is done by the
 * writer's device: it creates an ordinary entry (index and `entry-<id>`)
 * holding the draft's whole state, and notes in the writer's own `mine`
 * document which entry the draft became, so a device with later offline
 * edits to the draft carries them over when it next opens it.
 */
export const draftDocument: DocumentKind = {
  name: 'draft',
  keyed: true,
  openTo: 'ownerUntilReleased',
  writtenBy: 'owner',
  rule: null,
  shape: ENTRY_SHAPE,
  validKey: isValidId,
};

export const draftRoom = (journalId: string, writerId: string, draftId: string): string => roomName(draftDocument, journalId, ownedId(writerId, draftId));
