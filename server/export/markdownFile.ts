import type { MarkdownFile, MarkdownName } from './Exporter.js';

/**
 * An item as a Markdown file with YAML front matter (date, title, authors,
 * kind). Strings are written as JSON strings, which YAML reads as the same
 * double-quoted scalars, so a title with a colon or quote stays one value.
 */
export function markdownFile(name: MarkdownName, file: MarkdownFile): string {
  const title = file.title ?? name.title;
  const front = [
    '---',
    `date: ${name.date}`,
    `title: ${JSON.stringify(title)}`,
    `authors: [${file.authors.map((a) => JSON.stringify(a)).join(', ')}]`,
    `kind: ${name.kind}`,
    '---',
  ].join('\n');
  return `${front}\n\n# ${title.replace(/\n/g, ' ')}\n\n${file.body}\n`;
}
