import { useEffect, useState } from 'react';
import { answerRoom } from '#shared/documents/answer.js';
import { entryBody } from '#shared/documents/entry.js';
import { fragmentPlainText } from '#shared/documents/plainText.js';
import { useHasSynced, useRoomLoaded } from '../collab/useCollabRoom';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';

/** How much of an answer On This Day shows; the day's page has all of it. */
const SNIPPET_CHARS = 180;

/**
 * The opening words of one member's answer to a day's question, read from
 * the answer's own document (this device's copy first, so offline too).
 * Only ever used for days both have answered: before that the partner's
 * answer is sealed and the relay would refuse to open it.
 */
export function AnswerSnippet({ journalId, writerId, day, who }: { journalId: string; writerId: string; day: string; who: string }) {
  const room = useReadOnlyRoom(answerRoom(journalId, writerId, day));
  const loaded = useRoomLoaded(room);
  const synced = useHasSynced(room);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!room) return;
    const body = entryBody(room.doc);
    const update = () => setText(fragmentPlainText(body, SNIPPET_CHARS));
    update();
    body.observeDeep(update);
    return () => body.unobserveDeep(update);
  }, [room]);

  // Nothing on this device yet and the relay not reached: say so quietly rather than show a gap.
  if (!text && !(loaded && synced)) {
    return (
      <p className="on-this-day__answer on-this-day__answer--waiting">
        <span className="on-this-day__who">{who}</span> <span>Open the day to read it.</span>
      </p>
    );
  }
  if (!text) return null;
  return (
    <p className="on-this-day__answer">
      <span className="on-this-day__who">{who}</span> <span>{text}</span>
    </p>
  );
}
