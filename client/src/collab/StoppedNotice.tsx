import { CloseCode } from '#shared/protocol/closeCodes.js';
import type { ConnectionState } from '../sync/ConnectionMonitor';
import { isHandledStop } from './handledStop';

function explain(code: number): string {
  switch (code) {
    case CloseCode.MessageTooBig:
      return 'The last change was too large for Duet to accept (very large pastes can do this).';
    case CloseCode.AwarenessTooLarge:
      return 'Duet could not share where your cursor is.';
    case CloseCode.ReadOnlyDocument:
      return 'This page tried to change comments directly, which only Duet itself may do.';
    case CloseCode.ForbiddenChange:
      return 'This page tried to change who wrote an entry, which only each writer may do for themselves.';
    case CloseCode.ClientIdTaken:
      return 'Duet saw this page write under an identity that belongs to someone else.';
    case CloseCode.DocumentShape:
      return 'The last change built something Duet cannot store, such as lists nested far too deep.';
    case CloseCode.JournalFull:
      return 'This journal has reached its storage limit, so Duet cannot save more in it.';
    case CloseCode.BadMessage:
    default:
      return 'Duet could not understand a message from this page.';
  }
}

/**
 * Explains a permanent stop the guard does not handle by navigating away:
 * editing still works locally, but nothing reaches the partner until reload.
 */
export function StoppedNotice({ states }: { states: readonly ConnectionState[] }) {
  const stopped = states.find((s) => s.kind === 'stopped' && !isHandledStop(s));
  if (!stopped || stopped.kind !== 'stopped') return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <strong>Syncing stopped.</strong> {explain(stopped.code)} Changes you make now stay on this page only, so copy anything you need before reloading.
      </p>
      <button type="button" className="button button--small" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </div>
  );
}
