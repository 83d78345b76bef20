import type { Segment } from '#shared/api/searchTypes.js';

/** Text with the words that matched in <mark>. Segments are text only, so nothing anyone wrote becomes markup. */
export function Marked({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}
