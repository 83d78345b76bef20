/**
 * Paths that are one file (or folder) on a case-insensitive disk (macOS, Windows) but two
 * in git. Module files also clash when they differ only by extension: an import of
 * `./SyncStatus.js` or `./SyncStatus` may resolve to `syncStatus.ts` or `SyncStatus.tsx`
 * depending on the disk and the resolver's extension order.
 */

/** Extensions a resolver tries for one import specifier. */
const MODULE_EXTENSION = /\.(ts|tsx|js|jsx)$/;

/** What a path is called on a case-insensitive disk, and for a module the specifier that finds it. */
function clashKey(path: string): string {
  return path.replace(MODULE_EXTENSION, '').toLowerCase();
}

/** Every folder a path sits in: `a/b/c.ts` gives `a/` and `a/b/`. */
function foldersOf(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

/** Groups of two or more distinct paths (files or folders) that a case-insensitive disk or a resolver cannot tell apart. */
export function findCaseClashes(files: readonly string[]): string[][] {
  const groups = new Map<string, Set<string>>();
  const add = (key: string, path: string) => {
    const group = groups.get(key) ?? new Set<string>();
    group.add(path);
    groups.set(key, group);
  };
  for (const file of files) {
    add(clashKey(file), file);
    for (const folder of foldersOf(file)) add(folder.toLowerCase(), folder);
  }
  return [...groups.values()].filter((group) => group.size > 1).map((group) => [...group].sort());
}
