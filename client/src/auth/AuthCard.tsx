import type { ReactNode } from 'react';

/** The centred paper card that login, signup and invites share. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="auth">
      <section className="auth__card">
        <h1 className="auth__title">{title}</h1>
        {intro && <div className="auth__intro">{intro}</div>}
        {children}
        {footer && <div className="auth__footer">{footer}</div>}
      </section>
    </div>
  );
}
