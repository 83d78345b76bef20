import { Component, type ErrorInfo, type ReactNode } from 'react';
import { PageState } from './PageState';

interface State {
  error: Error | null;
}

/**
 * Catches a page that failed to render (or whose code failed to download, if
 * the connection dropped before the editor was fetched), so the header and
 * navigation keep working instead of a blank screen.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  componentDidUpdate(previous: { resetKey: string }): void {
    // Navigating elsewhere gives the next page a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <PageState title="This page couldn't be shown" action={{ label: 'Reload', run: () => window.location.reload() }}>
        <p>Duet may have lost its connection while loading. Reloading usually fixes it; your journal is safe.</p>
      </PageState>
    );
  }
}
