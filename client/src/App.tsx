import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { isReturningDevice } from './auth/returningDevice';
import { WelcomePage } from './auth/WelcomePage';
import { LoginPage } from './auth/LoginPage';
import { BackgroundSyncHost } from './session/BackgroundSyncHost';
import { MemoriesPage } from './album/MemoriesPage';
import { usePhotoQueue } from './photos/PhotoQueueContext';
import { PhotoUploadHost } from './photos/PhotoUploadHost';
import { SignupPage } from './auth/SignupPage';
import { InvitePage } from './invite/InvitePage';
import { HomePage } from './journal/HomePage';
import { JournalPage } from './journal/JournalPage';
import { NotesPage } from './rituals/NotesPage';
// No editor in it: it loads with the app, so it opens offline (and searches the device).
import { SearchPage } from './search/SearchPage';
import { DateNightPage } from './datenight/DateNightPage';
// No editor in it, so it loads with the app and opens offline like the journal page.
import { CheckinPage } from './rituals/CheckinPage';
import { BucketPage } from './bucket/BucketPage';
import { navigate, useLocation, withQuery } from './routing/history';
import { matchRoute } from './routing/routes';
import { useSession } from './session/SessionContext';
import { AppShell } from './ui/AppShell';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { NotFound } from './ui/NotFound';
import { PageState } from './ui/PageState';

// The editor (ProseMirror, TipTap) is most of the bundle; load it with the first entry opened...
const loadEntryPage = () => import('./entry/EntryPage').then((m) => ({ default: m.EntryPage }));
const EntryPage = lazy(loadEntryPage);
// A day's question holds the editor too (your answer).
const DraftPage = lazy(() => import('./drafts/DraftPage').then((m) => ({ default: m.DraftPage })));
const DayPage = lazy(() => import('./rituals/DayPage').then((m) => ({ default: m.DayPage })));
// The account pages are visited rarely and need the network anyway: they load when opened.
const AccountPage = lazy(() => import('./account/AccountPage').then((m) => ({ default: m.AccountPage })));
const DeleteAccountPage = lazy(() => import('./account/DeleteAccountPage').then((m) => ({ default: m.DeleteAccountPage })));
const ForgotPasswordPage = lazy(() => import('./account/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./account/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })));
// ...but fetch it in the background right away, so opening an entry is instant and
// still works if the connection drops later.
if (typeof window !== 'undefined') {
  const prefetch = () => void loadEntryPage();
  if ('requestIdleCallback' in window) window.requestIdleCallback(prefetch, { timeout: 3000 });
  else setTimeout(prefetch, 1500);
}

export function App() {
  const location = useLocation();
  const photoQueue = usePhotoQueue();
  const route = matchRoute(location.pathname);

  let page: ReactNode;
  switch (route.name) {
    case 'login':
      page = <LoginPage />;
      break;
    case 'signup':
      page = <SignupPage />;
      break;
    case 'invite':
      page = <InvitePage key={route.token} token={route.token} />;
      break;
    case 'home':
      page = <HomeRoute />;
      break;
    case 'journal':
      page = (
        <RequireSession>
          <JournalPage key={route.journalId} journalId={route.journalId} />
        </RequireSession>
      );
      break;
    case 'entry':
      page = (
        <RequireSession>
          <Suspense fallback={<PageState title="Opening entry…" loading />}>
            <EntryPage key={`${route.journalId}/${route.entryId}`} journalId={route.journalId} entryId={route.entryId} />
          </Suspense>
        </RequireSession>
      );
      break;
    case 'day':
      page = (
        <RequireSession>
          <Suspense fallback={<PageState title="Opening today’s question…" loading />}>
            <DayPage key={`${route.journalId}/${route.day}`} journalId={route.journalId} day={route.day} />
          </Suspense>
        </RequireSession>
      );
      break;
    case 'draft':
      page = (
        <RequireSession>
          <Suspense fallback={<PageState title="Opening your draft…" loading />}>
            <DraftPage key={`${route.journalId}/${route.draftId}`} journalId={route.journalId} draftId={route.draftId} />
          </Suspense>
        </RequireSession>
      );
      break;
    case 'notes':
      page = (
        <RequireSession>
          <NotesPage key={route.journalId} journalId={route.journalId} />
        </RequireSession>
      );
      break;
    case 'search':
      page = (
        <RequireSession>
          <SearchPage key={route.journalId} journalId={route.journalId} />
        </RequireSession>
      );
      break;
    case 'dateNight':
      page = (
        <RequireSession>
          <DateNightPage key={`${route.journalId}/${route.nightId}`} journalId={route.journalId} nightId={route.nightId} />
        </RequireSession>
      );
      break;
    case 'checkin':
      page = (
        <RequireSession>
          <CheckinPage key={`${route.journalId}/${route.week}`} journalId={route.journalId} week={route.week} />
        </RequireSession>
      );
      break;
    case 'bucket':
      page = (
        <RequireSession>
          <BucketPage key={route.journalId} journalId={route.journalId} />
        </RequireSession>
      );
      break;
    case 'account':
      page = (
        <RequireSession>
          <Suspense fallback={<PageState title="Opening your account…" loading />}>
            <AccountPage />
          </Suspense>
        </RequireSession>
      );
      break;
    case 'deleteAccount':
      page = (
        <RequireSession>
          <Suspense fallback={<PageState title="Opening your account…" loading />}>
            <DeleteAccountPage />
          </Suspense>
        </RequireSession>
      );
      break;
    case 'forgotPassword':
      page = (
        <Suspense fallback={<PageState title="Opening…" loading />}>
          <ForgotPasswordPage />
        </Suspense>
      );
      break;
    case 'resetPassword':
      page = (
        <Suspense fallback={<PageState title="Opening…" loading />}>
          <ResetPasswordPage key={route.token} token={route.token} />
        </Suspense>
      );
      break;
    case 'memories':
      page = (
        <RequireSession>
          <MemoriesPage key={route.journalId} journalId={route.journalId} />
        </RequireSession>
      );
      break;
    case 'notFound':
      page = <NotFound />;
      break;
  }
  return (
    <AppShell otherChangesAtRisk={() => photoQueue.hasWaiting()}>
      <ErrorBoundary resetKey={location.pathname}>{page}</ErrorBoundary>
      <BackgroundSyncHost />
      <PhotoUploadHost />
    </AppShell>
  );
}

/** Home: the journals of a signed-in person; for a first visit, what Duet is and a sign-up. */
function HomeRoute() {
  const { session } = useSession();
  if (session.status === 'anonymous' && !isReturningDevice()) return <WelcomePage />;
  return (
    <RequireSession>
      <HomePage />
    </RequireSession>
  );
}

/** Renders its children for a signed-in user; sends everyone else to log in and back here afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session, refresh } = useSession();
  const location = useLocation();
  const anonymous = session.status === 'anonymous';

  useEffect(() => {
    if (!anonymous) return;
    const here = location.pathname + location.search;
    navigate(withQuery('/login', { next: here === '/' ? null : here }), { replace: true });
  }, [anonymous, location.pathname, location.search]);

  if (session.status === 'authenticated') return <>{children}</>;
  if (session.status === 'unreachable') {
    return (
      <PageState title="Duet can't be reached" action={{ label: 'Try again', run: () => void refresh() }}>
        {session.message}
      </PageState>
    );
  }
  return <PageState title="Opening Duet…" loading />;
}
