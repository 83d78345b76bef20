import { describe, expect, it } from 'vitest';
import { findCaseClashes } from '../../scripts/caseClashes.js';

describe('findCaseClashes', () => {
  it('finds files that differ only by letter case', () => {
    expect(findCaseClashes(['docs/Notes.md', 'docs/notes.md', 'docs/other.md'])).toEqual([['docs/Notes.md', 'docs/notes.md']]);
  });

  it('finds modules that differ by case and by extension, as an import resolves them', () => {
    expect(findCaseClashes(['client/src/collab/syncStatus.ts', 'client/src/collab/SyncStatus.tsx'])).toEqual([
      ['client/src/collab/SyncStatus.tsx', 'client/src/collab/syncStatus.ts'],
    ]);
    expect(findCaseClashes(['a/view.ts', 'a/view.tsx'])).toEqual([['a/view.ts', 'a/view.tsx']]);
  });

  it('finds folders that differ only by case, even when the files in them do not clash', () => {
    expect(findCaseClashes(['client/Sync/a.ts', 'client/sync/b.ts'])).toEqual([['client/Sync/', 'client/sync/']]);
  });

  it('leaves alone names that only look alike', () => {
    expect(findCaseClashes(['a/syncStatus.ts', 'a/syncStatusKind.ts', 'a/style.css', 'a/style.ts', 'b/syncStatus.ts', 'a/data.json', 'a/data.ts'])).toEqual([]);
  });
});
