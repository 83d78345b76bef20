import { useState } from 'react';
import { Link } from '../routing/Link';
import { useCurrentUser } from '../session/SessionContext';
import { usePageTitle } from '../ui/usePageTitle';
import { paths } from '../routing/routes';
import { EmailForm } from './EmailForm';
import { NameForm } from './NameForm';
import { PasswordForm } from './PasswordForm';
import { SignedInDevices } from './SignedInDevices';

/** "/account": name, email, password, where you are signed in, and leaving Duet. */
export function AccountPage() {
  usePageTitle('Your account');
  const user = useCurrentUser();
  // Bumped when a password change signed devices out, so the list reads again.
  const [devicesVersion, setDevicesVersion] = useState(0);

  return (
    <div className="settings">
      <header className="page-header">
        <div>
          <p className="eyebrow">Settings</p>
          <h1 className="page-title">Your account</h1>
        </div>
      </header>

      <section className="panel settings__section" aria-labelledby="settings-name">
        <h2 id="settings-name" className="panel__title">
          How your partner sees you
        </h2>
        <NameForm user={user} />
      </section>

      <section className="panel settings__section" aria-labelledby="settings-email">
        <h2 id="settings-email" className="panel__title">
          How you log in
        </h2>
        <EmailForm user={user} />
      </section>

      <section className="panel settings__section" aria-labelledby="settings-password">
        <h2 id="settings-password" className="panel__title">
          Password
        </h2>
        <PasswordForm onChanged={() => setDevicesVersion((v) => v + 1)} />
      </section>

      <section className="panel settings__section" aria-labelledby="settings-devices">
        <h2 id="settings-devices" className="panel__title">
          Where you are signed in
        </h2>
        <SignedInDevices version={devicesVersion} />
      </section>

      <section className="settings__section settings__leave" aria-labelledby="settings-leave">
        <h2 id="settings-leave" className="section-title">
          Leaving Duet
        </h2>
        <p>You can delete your account whenever you want. We will tell you exactly what happens to your words before anything is removed.</p>
        <Link to={paths.deleteAccount()} className="button button--quiet button--danger-text">
          Delete my account…
        </Link>
      </section>
    </div>
  );
}
