import { uniqueUsers, usePeers } from '../collab/presence';
import type { Awareness } from 'y-protocols/awareness';
import { Avatar } from '../ui/Avatar';

/** Who has this entry open right now, you included, in the colours of their carets. */
export function PresenceBar({ awareness, selfId }: { awareness: Awareness | null; selfId: string }) {
  const people = uniqueUsers(usePeers(awareness, { includeSelf: true }));
  const others = people.filter((p) => p.id !== selfId);
  const ordered = [...people.filter((p) => p.id === selfId), ...others];
  if (ordered.length === 0) return null;
  const summary =
    others.length === 0 ? 'Only you are here' : `${others.map((p) => p.name).join(' and ')} ${others.length === 1 ? 'is' : 'are'} here with you`;

  return (
    <div className="presence" aria-label="In this entry now" role="group">
      <ul className="presence__list" aria-hidden="true">
        {ordered.map((p) => (
          <li key={p.id}>
            <Avatar name={p.name} color={p.color} />
          </li>
        ))}
      </ul>
      <p className="presence__text" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
