import type { DeckChoice } from '../rituals/dateNightDeck.js';

/** A date night as the API answers it: what the server knows of it (never its notes). */
export interface DateNightView {
  nightId: string;
  category: DeckChoice;
  startedBy: string;
  startedAt: number;
  /** When it ended and became an entry; null while it is open. */
  endedAt: number | null;
  /** The timeline entry written from it, once it has ended. */
  entryId: string | null;
}
