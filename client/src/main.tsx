import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { roomRegistry } from './collab/roomRegistry';
import { syncLedger } from './collab/SyncLedger';
import { installUnloadGuard } from './collab/unloadGuard';
import { registerServiceWorker } from './offline/serviceWorkerClient';
import { SessionProvider } from './session/SessionContext';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/journal.css';
import './styles/entry.css';
import './styles/sync.css';
import './styles/comments.css';

// Which documents still hold unconfirmed changes from an earlier visit.
void syncLedger.loadFromDevice();
installUnloadGuard(roomRegistry);
// Set by the build (client/build/serviceWorkerPlugin.ts); absent on the dev server, which must never be cached.
if (import.meta.env.DUET_SERVICE_WORKER === true) registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
