import { useEffect, useId, useRef, useState } from 'react';
import type { Comment } from '#shared/model/comments.js';

/** The fixed set offered; reactions others sent with other emoji still show. */
export const REACTIONS = ['❤️', '😂', '😮', '😢', '👍'] as const;

/**
 * A comment's reactions: the ones people used, with counts (pressed when one
 * is yours, a press takes it back), and one "React" control that opens the
 * choice. Five grey emoji under every comment were noise in a long thread.
 */
export function ReactionBar({ comment, userId, onToggle }: { comment: Comment; userId: string; onToggle: (emoji: string, on: boolean) => void }) {
  const used = Object.keys(comment.reactions).filter((emoji) => (comment.reactions[emoji] ?? []).length > 0);
  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {used.map((emoji) => {
        const people = comment.reactions[emoji] ?? [];
        const mine = people.includes(userId);
        return (
          <button
            key={emoji}
            type="button"
            className="reaction reaction--used"
            aria-label={`React with ${emoji}`}
            aria-pressed={mine}
            title={`${people.length} reacted with ${emoji}`}
            onClick={() => onToggle(emoji, !mine)}
          >
            <span aria-hidden="true">{emoji}</span>
            <span className="reaction__count">{people.length}</span>
          </button>
        );
      })}
      <ReactionPicker mine={(emoji) => (comment.reactions[emoji] ?? []).includes(userId)} onToggle={onToggle} />
    </div>
  );
}

/** The "React" button and the choice it opens; picking one closes it, Escape or a click elsewhere too. */
function ReactionPicker({ mine, onToggle }: { mine: (emoji: string) => boolean; onToggle: (emoji: string, on: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const choicesId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggleButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('.reaction-picker__choices button')?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        setOpen(false);
        toggleButton.current?.focus();
      } else if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close, true);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close, true);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);

  return (
    <div className="reaction-picker" ref={root}>
      <button
        ref={toggleButton}
        type="button"
        className="reaction reaction-picker__toggle"
        aria-label="Add a reaction"
        aria-expanded={open}
        aria-controls={choicesId}
        title="Add a reaction"
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">☺︎+</span>
      </button>
      <div id={choicesId} className="reaction-picker__choices" role="group" aria-label="Choose a reaction" hidden={!open}>
        {REACTIONS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            className="reaction"
            aria-label={`React with ${emoji}`}
            aria-pressed={mine(emoji)}
            onClick={() => {
              onToggle(emoji, !mine(emoji));
              setOpen(false);
              toggleButton.current?.focus();
            }}
          >
            <span aria-hidden="true">{emoji}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
