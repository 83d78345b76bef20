/**
 * Fails when two files of the repository would be one on macOS or Windows, or one
 * import could find either (see caseClashes.ts). Run by `npm run check`.
 * Looks at tracked files and at new ones git does not ignore, so a clash shows before it is committed.
 */
import { execFileSync } from 'node:child_process';
import { findCaseClashes } from './caseClashes.js';

const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
const files = [...new Set(listed.split('\0').filter(Boolean))];
const clashes = findCaseClashes(files);
if (clashes.length > 0) {
  console.error('These paths differ only by letter case or by a module extension (.ts/.tsx/.js/.jsx).');
  console.error('On a case-insensitive disk they are one file, or an import can resolve to either. Rename one of each group:');
  for (const group of clashes) console.error(`  ${group.join('  ')}`);
  process.exit(1);
}
console.log(`case check: ${files.length} files, no two differ only by case or module extension`);
