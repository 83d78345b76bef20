import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { NOTE_TEXT_FIELD, MAX_NOTE_CHARS, SUGGESTED_NOTES, noteRoom } from '#shared/documents/note.js';
import { addDays, instantAt } from '#shared/rituals/calendar.js';
import { newId } from '#shared/model/ids.js';
import { useReadOnlyRoom } from '../collab/useReadOnlyRoom';
import { useRoomLoaded } from '../collab/useCollabRoom';
import { bindInputToYText } from '../editor/bindInputToYText';
import type { PendingNote } from './noteOutbox';

const EMOJI = ['🧡', '🌙', '☕', '🌱', '✨', '🏡', '🌻', '🤍'];

type When = 'now' | 'morning' | 'later';

/**
 * Writing a note: its words go into the note's own document on this device
 * as they are typed (kept offline too); "Send" sets when the partner finds it.
 */
export function NoteComposer(props: {
  journalId: string;
  userId: string;
  partnerName: string;
  timeZone: string;
  today: string;
  onSend: (note: PendingNote) => void;
}) {
  const { journalId, userId, partnerName, timeZone, today, onSend } = props;
  const [noteId, setNoteId] = useState(() => newId());
  const room = useReadOnlyRoom(noteRoom(journalId, userId, noteId));
  const loaded = useRoomLoaded(room);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [emoji, setEmoji] = useState(EMOJI[0]);
  const [when, setWhen] = useState<When>('now');
  const [day, setDay] = useState(addDays(today, 1));
  const [time, setTime] = useState('08:00');
  const [problem, setProblem] = useState<string | null>(null);
  const [length, setLength] = useState(0);
  const formId = useId();

  useEffect(() => {
    const input = textRef.current;
    if (!room || !loaded || !input) return;
    const text = room.doc.getText(NOTE_TEXT_FIELD);
    const unbind = bindInputToYText(input, text);
    const count = () => setLength(text.length);
    count();
    text.observe(count);
    return () => {
      unbind();
      text.unobserve(count);
    };
  }, [room, loaded]);

  function applySuggestion(words: string, suggestedEmoji: string) {
    const input = textRef.current;
    if (!room || !input) return;
    const text = room.doc.getText(NOTE_TEXT_FIELD);
    room.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, words);
    });
    setEmoji(suggestedEmoji);
    input.focus();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!room) return;
    const words = room.doc.getText(NOTE_TEXT_FIELD).toString().trim();
    if (!words) return setProblem('Write a few words first.');
    if (words.length > MAX_NOTE_CHARS) return setProblem(`A note holds up to ${MAX_NOTE_CHARS} characters.`);
    let deliverAt = Date.now();
    if (when === 'morning') deliverAt = instantAt(addDays(today, 1), '08:00', timeZone);
    if (when === 'later') {
      if (!day || !/^\d{2}:\d{2}$/.test(time)) return setProblem('Choose the day and time it should arrive.');
      deliverAt = instantAt(day, time, timeZone);
      if (deliverAt < Date.now()) return setProblem('That time has already passed. Choose a later one.');
    }
    setProblem(null);
    onSend({ noteId, emoji, deliverAt });
    // A fresh note for the next one; this one's words stay in its own document.
    setNoteId(newId());
    setWhen('now');
  }

  return (
    <form className="note-composer" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
      <h2 id={`${formId}-title`} className="panel__title">
        Leave a note for {partnerName}
      </h2>
      <fieldset className="note-composer__emoji">
        <legend>Pick its emoji</legend>
        {EMOJI.map((e) => (
          <label key={e} className={e === emoji ? 'emoji-choice emoji-choice--on' : 'emoji-choice'}>
            <input type="radio" name={`${formId}-emoji`} value={e} checked={e === emoji} onChange={() => setEmoji(e)} />
            <span aria-hidden="true">{e}</span>
            <span className="visually-hidden">{e}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">Your note</span>
        <textarea
          ref={textRef}
          className="note-composer__text"
          rows={4}
          maxLength={MAX_NOTE_CHARS}
          placeholder={`Something ${partnerName} will be glad to find`}
          disabled={!loaded}
        />
      </label>
      <details className="note-composer__ideas">
        <summary>Need a start? Borrow one of these</summary>
        <ul>
          {SUGGESTED_NOTES.map((s) => (
            <li key={s.text}>
              <button type="button" className="link-button" onClick={() => applySuggestion(s.text, s.emoji)}>
                {s.emoji} {s.text}
              </button>
            </li>
          ))}
        </ul>
      </details>
      <fieldset className="note-composer__when">
        <legend>When should {partnerName} find it?</legend>
        <label>
          <input type="radio" name={`${formId}-when`} checked={when === 'now'} onChange={() => setWhen('now')} /> Right away
        </label>
        <label>
          <input type="radio" name={`${formId}-when`} checked={when === 'morning'} onChange={() => setWhen('morning')} /> Tomorrow morning
        </label>
        <label>
          <input type="radio" name={`${formId}-when`} checked={when === 'later'} onChange={() => setWhen('later')} /> On a day I choose
        </label>
        {when === 'later' && (
          <div className="note-composer__later">
            <label>
              Day <input type="date" value={day} min={today} onChange={(e) => setDay(e.target.value)} />
            </label>
            <label>
              Time <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </label>
          </div>
        )}
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button" disabled={!loaded || length === 0}>
        {when === 'now' ? 'Send note' : 'Keep it for later'}
      </button>
    </form>
  );
}
