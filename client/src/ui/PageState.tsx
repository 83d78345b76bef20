import type { ReactNode } from 'react';

/** A whole-page message: loading, not found, no access. Keeps the page's <h1> so focus handling finds it. */
export function PageState({
  title,
  children,
  loading = false,
  action,
}: {
  title: string;
  children?: ReactNode;
  loading?: boolean;
  action?: { label: string; run: () => void };
}) {
  return (
    <section className="page-state" aria-busy={loading || undefined}>
      {loading && <span className="page-state__spinner" aria-hidden="true" />}
      <h1 className="page-state__title">{title}</h1>
      {children && <div className="page-state__body">{children}</div>}
      {action && (
        <button type="button" className="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </section>
  );
}
