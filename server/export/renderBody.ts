import { escapeHtml, safeHref } from './escapeHtml.js';
import type { PmNode } from './proseMirrorJson.js';

/**
 * An entry body (ProseMirror JSON) as Markdown and as HTML, for the archive's
 * `entries/*.md` and `journal.html`. Every node the entry schema has is
 * handled; a node from a newer version keeps its text. `photoPath` says where
 * a photo's file is inside the archive (null: not there).
 */
export interface BodyOptions {
  photoPath(photoId: string): string | null;
}

// ---- Markdown ----

function markdownText(node: PmNode): string {
  let text = (node.text ?? '').replace(/([\\`*_[\]<>#])/g, '\\$1');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') text = `**${text}**`;
    else if (mark.type === 'italic') text = `*${text}*`;
    else if (mark.type === 'strike') text = `~~${text}~~`;
    else if (mark.type === 'code') text = `\`${node.text ?? ''}\``;
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') text = `[${text}](${mark.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`;
  }
  return text;
}

function markdownInline(nodes: PmNode[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? markdownText(n) : n.type === 'hardBreak' ? '  \n' : markdownInline(n.content))).join('');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line === '' ? '' : prefix + line))
    .join('\n');
}

function markdownBlock(node: PmNode, options: BodyOptions): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return markdownInline(children);
    case 'heading':
      return `${'#'.repeat(Number(node.attrs?.level ?? 2))} ${markdownInline(children)}`;
    case 'blockquote':
      return markdownBlocks(children, options)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'codeBlock':
      return `\`\`\`${typeof node.attrs?.language === 'string' ? node.attrs.language : ''}\n${children.map((c) => c.text ?? '').join('')}\n\`\`\``;
    case 'horizontalRule':
      return '---';
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const start = Number(node.attrs?.start ?? 1);
      return children
        .map((item, i) => {
          const marker = node.type === 'orderedList' ? `${start + i}.` : node.type === 'taskList' ? `- [${item.attrs?.checked ? 'x' : ' '}]` : '-';
          return `${marker} ${indent(markdownBlocks(item.content ?? [], options), ' '.repeat(marker.length + 1))}`;
        })
        .join('\n');
    }
    case 'photo': {
      const path = typeof node.attrs?.id === 'string' ? options.photoPath(node.attrs.id) : null;
      const caption = typeof node.attrs?.caption === 'string' ? node.attrs.caption : '';
      return path ? `![${caption.replace(/[[\]]/g, '')}](../${path})` : `*(a photo${caption ? `: ${caption}` : ''})*`;
    }
    default:
      return markdownBlocks(children, options);
  }
}

function markdownBlocks(nodes: PmNode[], options: BodyOptions): string {
  return nodes.map((n) => markdownBlock(n, options)).join('\n\n');
}

export function bodyToMarkdown(doc: PmNode, options: BodyOptions): string {
  return markdownBlocks(doc.content ?? [], options).trim();
}

// ---- HTML ----

const MARK_TAGS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', code: 'code', underline: 'u' };

function htmlText(node: PmNode): string {
  let html = escapeHtml(node.text ?? '');
  for (const mark of node.marks ?? []) {
    const tag = MARK_TAGS[mark.type];
    if (tag) html = `<${tag}>${html}</${tag}>`;
    else if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      if (href) html = `<a href="${href}" rel="noopener noreferrer">${html}</a>`;
    }
  }
  return html;
}

function htmlNodes(nodes: PmNode[] | undefined, options: BodyOptions): string {
  return (nodes ?? []).map((n) => htmlNode(n, options)).join('');
}

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  taskList: 'ul class="tasks"',
};

function htmlNode(node: PmNode, options: BodyOptions): string {
  switch (node.type) {
    case 'text':
      return htmlText(node);
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    case 'heading': {
      // The page's h1 is the journal, h2 a section, h3 an entry: an entry's headings start at h4.
      const level = Math.min(6, Number(node.attrs?.level ?? 2) + 2);
      return `<h${level}>${htmlNodes(node.content, options)}</h${level}>`;
    }
    case 'codeBlock':
      return `<pre><code>${htmlNodes(node.content, options)}</code></pre>`;
    case 'taskItem':
      return `<li><span class="check">${node.attrs?.checked ? '☑' : '☐'}</span> ${htmlNodes(node.content, options)}</li>`;
    case 'photo': {
      const path = typeof node.attrs?.id === 'string' ? options.photoPath(node.attrs.id) : null;
      const caption = typeof node.attrs?.caption === 'string' ? escapeHtml(node.attrs.caption) : '';
      if (!path) return `<p class="muted">(a photo${caption ? `: ${caption}` : ''})</p>`;
      return `<figure><img src="${escapeHtml(path)}" alt="${caption}" loading="lazy">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
    }
    default: {
      const tag = BLOCK_TAGS[node.type];
      if (!tag) return htmlNodes(node.content, options);
      return `<${tag}>${htmlNodes(node.content, options)}</${tag.split(' ')[0]}>`;
    }
  }
}

export function bodyToHtml(doc: PmNode, options: BodyOptions): string {
  return htmlNodes(doc.content, options);
}
