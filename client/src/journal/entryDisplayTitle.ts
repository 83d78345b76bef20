/** What to call an entry nobody has titled yet. */
export function entryDisplayTitle(title: string): string {
  return title.trim() || 'Untitled entry';
}
