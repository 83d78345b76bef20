/**
 * Styles the highlights of particular threads: resolved ones are hidden from
 * the text and the focused one stands out. A style rule per thread id rather
 * than a class on the spans, because ProseMirror owns those spans and redraws
 * them on every change; ids are `[A-Za-z0-9_-]`, so they are safe in a selector.
 */
export function HighlightStyle({ hidden, active }: { hidden: string[]; active: string | null }) {
  const safe = (id: string) => /^[A-Za-z0-9_-]+$/.test(id);
  const rules = hidden.filter(safe).map((id) => `.comment-anchor[data-thread-id="${id}"]{background:none;border-bottom:0;cursor:text}`);
  if (active && safe(active) && !hidden.includes(active)) {
    // Where comments overlap, another thread's span sits inside this one's and would paint over it.
    const span = `.comment-anchor[data-thread-id="${active}"]`;
    rules.push(`${span},${span} .comment-anchor{background:var(--comment-active);border-bottom-color:var(--accent)}`);
  }
  return <style>{rules.join('\n')}</style>;
}
