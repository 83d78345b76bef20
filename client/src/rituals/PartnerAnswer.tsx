import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useId, useState } from 'react';
import { answerCommentsKey } from '#shared/documents/answer.js';
import { entryBody } from '#shared/documents/entry.js';
import type { PresenceUser } from '../collab/presence';
import { useEntryComments } from '../comments/useEntryComments';
import { EntryEditor } from '../editor/EntryEditor';
import type { CollabRoom } from '../sync/RoomRegistry';
import { hasWords } from '#shared/documents/plainText.js';

/** Whether a body has any words yet, following the writer's edits. */
function useHasWords(room: CollabRoom): boolean {
  const [has, setHas] = useState(() => hasWords(entryBody(room.doc)));
  useEffect(() => {
    const body = entryBody(room.doc);
    const update = () => setHas(hasWords(body));
    update();
    body.observeDeep(update);
    return () => body.unobserveDeep(update);
  }, [room]);
  return has;
}

/**
 * The partner's revealed answer: their words, live and never changeable here,
 * where a phrase can be selected and commented on (the bubble, or Mod-Alt-m).
 * The threads stand under it; the relay lets this device add only the
 * comment marks (docs/design/rituals.md).
 */
export function PartnerAnswer({ journalId, day, room, partner, user }: { journalId: string; day: string; room: CollabRoom; partner: { userId: string; name: string }; user: PresenceUser }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const editorId = useId();
  const hintId = useId();
  const comments = useEntryComments({ journalId, entryId: answerCommentsKey(partner.userId, day), editor, userId: user.id, inline: true });
  const hasWords = useHasWords(room);

  if (!hasWords) return <p className="answer__empty">{partner.name} is still finding the words.</p>;
  return (
    <div className="answer__partner" aria-describedby={hintId}>
      <EntryEditor room={room} user={user} editorId={editorId} onEditor={onEditor} commentTarget={comments.target} label={`${partner.name}’s answer`} readOnly />
      <p id={hintId} className="answer__hint">
        Select a few words to comment on them.
      </p>
      {comments.panel}
    </div>
  );
}
