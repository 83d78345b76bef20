import { useState } from 'react';
import type { SignedInDevice } from '#shared/api/accountTypes.js';
import { errorMessage } from '../api/ApiError';
import { showToast } from '../toast/toastStore';
import { formatDateTime } from '../ui/formatDate';
import { useAsync } from '../ui/useAsync';
import { accountApi } from './accountApi';

/** Where this account is signed in, and signing devices out from here. `version` changes when another form signed some out. */
export function SignedInDevices({ version }: { version: number }) {
  const { state, reload } = useAsync(() => accountApi.sessions(), String(version));
  const [busy, setBusy] = useState<string | null>(null);

  async function act(key: string, send: () => Promise<unknown>, said: string) {
    setBusy(key);
    try {
      await send();
      showToast({ message: said });
      reload();
    } catch (error) {
      showToast({ message: errorMessage(error), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  if (state.status === 'loading') return <p className="settings-devices__note">Looking for your devices…</p>;
  if (state.status === 'error') {
    return (
      <p className="settings-devices__note">
        {errorMessage(state.error)}{' '}
        <button type="button" className="link-button" onClick={reload}>
          Try again
        </button>
      </p>
    );
  }
  const devices = state.data.sessions;
  const others = devices.filter((d) => !d.current);
  return (
    <div className="settings-devices">
      <ul className="settings-devices__list" aria-label="Signed-in devices">
        {devices.map((device) => (
          <li key={device.id} className="settings-device">
            <div className="settings-device__text">
              <span className="settings-device__name">
                {device.device ?? 'A browser Duet could not name'}
                {device.current && <span className="settings-device__this">This device</span>}
              </span>
              <span className="settings-device__when">{whenText(device)}</span>
            </div>
            {!device.current && (
              <button
                type="button"
                className="button button--quiet button--small"
                disabled={busy !== null}
                onClick={() => void act(device.id, () => accountApi.endSession(device.id), `${device.device ?? 'That device'} is signed out.`)}
              >
                {busy === device.id ? 'Signing out…' : 'Sign out'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 1 && (
        <button
          type="button"
          className="button button--quiet"
          disabled={busy !== null}
          onClick={() => void act('others', () => accountApi.endOtherSessions(), 'Every other device is signed out.')}
        >
          {busy === 'others' ? 'Signing out…' : 'Sign out all other devices'}
        </button>
      )}
      {others.length === 0 && <p className="settings-devices__note">You are signed in on this device only.</p>}
    </div>
  );
}

function whenText(device: SignedInDevice): string {
  const parts: string[] = [];
  if (device.signedInAt !== null) parts.push(`Signed in ${formatDateTime(device.signedInAt)}`);
  if (device.current) parts.push('in use now');
  else if (device.lastSeenAt !== null) parts.push(`last seen ${formatDateTime(device.lastSeenAt)}`);
  return parts.join(' · ') || 'Signed in before Duet kept track of when';
}
