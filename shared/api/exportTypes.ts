/** What the account page shows of a copy a former member was given (docs/design/export.md). */
export interface ArchiveView {
  id: string;
  journalTitle: string;
  reason: 'left' | 'removed';
  /** Who removed them, by name then; null when they left. */
  removedByName: string | null;
  createdAt: number;
  expiresAt: number;
  bytes: number;
  /** False until a removed person has seen the notice that tells them. */
  noticeSeen: boolean;
  /** Where to download it (the owner's session only). */
  url: string;
}
