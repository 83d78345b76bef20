import { type BucketItem, bucketRoom, readItems } from '#shared/documents/bucket.js';
import { escapeHtml } from '../escapeHtml.js';
import { exporter } from '../Exporter.js';
import { nameOf } from '../ExportSource.js';

/**
 * The bucket list, one record per item in the list's order (removed items
 * included, marked, as the document keeps them). One small document (at most
 * 1,000 items), read once.
 */
export const bucketListExporter = exporter<BucketItem, BucketItem>({
  key: 'bucketList',
  heading: 'Our bucket list',
  async refs(source) {
    return (await source.read(bucketRoom(source.journal.id), readItems)) ?? [];
  },
  time: (item) => Math.max(item.addedAt, item.doneAt ?? 0, item.removedAt ?? 0),
  load: async (_source, item) => item,
  html(item, source) {
    if (item.removedAt !== null) return '';
    const done = item.doneAt !== null ? `, done${item.doneBy ? ` (ticked by ${escapeHtml(nameOf(source, item.doneBy))})` : ''}` : '';
    return `<p class="bucket"><span class="check">${item.doneAt !== null ? '☑' : '☐'}</span> ${escapeHtml(item.text)} <span class="muted">(${escapeHtml(item.category)}, added by ${escapeHtml(nameOf(source, item.addedBy))}${done})</span></p>`;
  },
});
