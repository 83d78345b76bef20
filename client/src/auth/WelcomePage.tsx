import { useState } from 'react';
import { Link } from '../routing/Link';
import { usePageTitle } from '../ui/usePageTitle';
import { SignupForm } from './SignupForm';
import { useLeaveIfSignedIn } from './useLeaveIfSignedIn';

/** What a couple finds in Duet, in a few words each. */
const WHAT_YOU_FIND = [
  { title: 'One page, two voices', text: 'Write in the same entry at the same time, each with your own caret, and see the other’s words arrive as they are typed.' },
  { title: 'A question a day', text: 'Both answer, and neither sees the other’s answer until you both have. Then talk about it.' },
  { title: 'Little rituals', text: 'Love notes that arrive when you choose, a weekly “How are we doing?”, a deck of questions for date night.' },
  { title: 'Yours, everywhere', text: 'Keeps writing on a plane and shares it when you land. Nothing you write is ever dropped.' },
];

/** The first thing a new visitor sees: what Duet is, and a sign-up right there. */
export function WelcomePage() {
  usePageTitle('Duet: a journal for two');
  const [busy, setBusy] = useState(false);
  useLeaveIfSignedIn({ invite: null, next: null, busy });

  return (
    <div className="welcome">
      <section className="welcome__story" aria-labelledby="welcome-title">
        <p className="eyebrow">A shared journal for couples</p>
        <h1 id="welcome-title" className="welcome__title">
          Write your days together.
        </h1>
        <p className="welcome__lede">Duet is one journal for the two of you: the small things, the big ones, and the questions you would not think to ask.</p>
        <ul className="welcome__list">
          {WHAT_YOU_FIND.map((item) => (
            <li key={item.title}>
              <strong>{item.title}.</strong> {item.text}
            </li>
          ))}
        </ul>
      </section>
      <section className="auth__card welcome__signup" aria-labelledby="welcome-signup">
        <h2 id="welcome-signup" className="auth__subtitle">
          Start your journal
        </h2>
        <p className="auth__intro">It takes a minute. Then invite your partner with a link.</p>
        <SignupForm invite={null} next={null} onBusyChange={setBusy} />
        <div className="auth__footer">
          <p>
            Already have an account? <Link to="/login">Log in</Link>
          </p>
        </div>
      </section>
    </div>
  );
}
