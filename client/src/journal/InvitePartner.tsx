import { useId, useRef, useState } from 'react';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/endpoints';
import { FormError } from '../ui/FormError';

/**
 * Creates an invite and shows its link. The token is returned only once, so
 * the link lives in this component until the page is left.
 */
export function InvitePartner({ journalId, onCreated }: { journalId: string; onCreated: () => void }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string>('');

  async function createInvite() {
    setBusy(true);
    setError(null);
    setCopied('');
    try {
      const { url } = await api.createInvite(journalId);
      setLink(window.location.origin + url);
      onCreated();
      // Put focus on the link so a keyboard or screen reader user lands on what was created.
      requestAnimationFrame(() => inputRef.current?.select());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied. Send it to your partner.');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select it for a manual copy.
      inputRef.current?.select();
      setCopied('Press Ctrl+C (⌘C on a Mac) to copy the selected link.');
    }
  }

  return (
    <div className="invite-partner">
      {link === null ? (
        <p className="muted small">Duet is for two. Send your partner a link to write with you.</p>
      ) : (
        <div className="invite-partner__link">
          <label htmlFor={inputId} className="field__label">
            Invite link
          </label>
          <div className="copy-row">
            <input ref={inputRef} id={inputId} className="field__input" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button button--small" onClick={copy}>
              Copy link
            </button>
          </div>
          <p className="field__hint" aria-live="polite">
            {copied || 'Works once, for one person.'}
          </p>
        </div>
      )}
      <FormError message={error} />
      <button type="button" className={link ? 'button button--quiet button--small' : 'button button--wide'} onClick={createInvite} disabled={busy}>
        {busy ? 'Creating link…' : link ? 'Make a new link' : 'Invite your partner'}
      </button>
    </div>
  );
}
