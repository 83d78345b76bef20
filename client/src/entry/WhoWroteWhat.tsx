import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { routes } from '#shared/api/routes.js';
import { entryBody } from '#shared/documents/entry.js';
import type { EntryAuthor } from '#shared/documents/journalIndex.js';
import { callRoute } from '../api/callRoute';
import type { CollabRoom } from '../sync/RoomRegistry';
import { userColor } from '../collab/userColor';
import { authorTintKey, authorTintPlugin } from './authorTint';

/** How often, at most, the page asks again who wrote text by a client it does not know yet. */
const ASK_AGAIN_MS = 5000;

/**
 * "Who wrote what": a toggle that tints each passage by the partner who wrote
 * it, since two people write one page. Who wrote with which Yjs client is
 * the server's record (the relay ties each client id to a session's member);
 * this device's own client is known at once, offline too.
 */
export function WhoWroteWhat({
  editor,
  room,
  journalId,
  entryId,
  user,
  authors,
}: {
  editor: Editor | null;
  room: CollabRoom | null;
  journalId: string;
  entryId: string;
  user: EntryAuthor;
  /** The entry's authors from the index, for the legend's names. */
  authors: EntryAuthor[];
}) {
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const writers = useRef(new Map<number, string>());
  const lastAsked = useRef(0);

  useEffect(() => {
    if (!on || !editor || !room) return;
    let stopped = false;
    const ask = async () => {
      if (Date.now() - lastAsked.current < ASK_AGAIN_MS) return;
      lastAsked.current = Date.now();
      try {
        const { writers: known } = await callRoute(routes.entryWriters, { params: { id: journalId, entryId } });
        for (const [client, userId] of Object.entries(known)) writers.current.set(Number(client), userId);
        setFailed(false);
      } catch {
        // Offline: this device's own words are still tinted; the rest when Duet can be reached.
        setFailed(true);
      }
      if (!stopped && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(authorTintKey, true));
    };
    const colourOf = (client: number) => {
      const userId = client === room.doc.clientID ? user.id : writers.current.get(client);
      if (userId === undefined) {
        void ask();
        return null;
      }
      return userColor(userId);
    };
    lastAsked.current = 0;
    void ask();
    editor.registerPlugin(authorTintPlugin(entryBody(room.doc), colourOf));
    return () => {
      stopped = true;
      if (!editor.isDestroyed) editor.unregisterPlugin(authorTintKey);
    };
  }, [on, editor, room, journalId, entryId, user.id]);

  const people = [user, ...authors.filter((a) => a.id !== user.id)];
  return (
    <div className="who-wrote">
      <button type="button" className="link-button who-wrote__toggle" aria-pressed={on} onClick={() => setOn((v) => !v)} disabled={!editor}>
        {on ? 'Hide who wrote what' : 'Who wrote what'}
      </button>
      {on && (
        <p className="who-wrote__legend">
          {people.map((person) => (
            <span key={person.id} className="who-wrote__person">
              <span className="who-wrote__swatch" style={{ background: userColor(person.id) }} aria-hidden="true" />
              {person.id === user.id ? 'You' : person.name}
            </span>
          ))}
          {failed && <span className="who-wrote__note">Your partner’s words are tinted once Duet can be reached.</span>}
        </p>
      )}
    </div>
  );
}
