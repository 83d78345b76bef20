import type { Comment } from '#shared/model/comments.js';

/** The fixed set offered; reactions others sent with other emoji still show. */
export const REACTIONS = ['❤️', '😂', '😮', '😢', '👍'] as const;

/** Emoji toggles under a comment, with counts; pressed when you have reacted with it. */
export function ReactionBar({ comment, userId, onToggle }: { comment: Comment; userId: string; onToggle: (emoji: string, on: boolean) => void }) {
  const extra = Object.keys(comment.reactions).filter((e) => !(REACTIONS as readonly string[]).includes(e));
  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {[...REACTIONS, ...extra].map((emoji) => {
        const people = comment.reactions[emoji] ?? [];
        const mine = people.includes(userId);
        return (
          <button
            key={emoji}
            type="button"
            className={people.length > 0 ? 'reaction reaction--used' : 'reaction'}
            aria-label={`React with ${emoji}`}
            aria-pressed={mine}
            title={people.length > 0 ? `${people.length} reacted with ${emoji}` : `React with ${emoji}`}
            onClick={() => onToggle(emoji, !mine)}
          >
            <span aria-hidden="true">{emoji}</span>
            {people.length > 0 && <span className="reaction__count">{people.length}</span>}
          </button>
        );
      })}
    </div>
  );
}
