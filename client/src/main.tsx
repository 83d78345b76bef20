import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { sendOutboxItem } from './comments/threadsApi';
import { SyncEngineProvider } from './collab/SyncEngineContext';
import { journalDocuments } from './journal/journalDocuments';
import {
  browserClock,
  browserOnline,
  browserPage,
  browserSpillStorage,
  jitteredBackoffMs,
  openBrowserSocket,
  relayUrl,
} from './local/browserPorts';
import { IndexedDbDeviceStore } from './local/IndexedDbDeviceStore';
import { devicePhotoUploads } from './local/photoUploadStore';
import { PhotoQueueProvider } from './photos/PhotoQueueContext';
import { defaultRetryDelayMs, PhotoUploadQueue } from './photos/PhotoUploadQueue';
import { xhrUpload } from './photos/xhrUpload';
import { installUnloadGuard } from './local/unloadGuard';
import { registerServiceWorker } from './offline/serviceWorkerClient';
import { SessionProvider } from './session/SessionContext';
import { SyncEngine } from './sync/SyncEngine';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/journal.css';
import './styles/entry.css';
import './styles/sync.css';
import './styles/comments.css';
import './styles/rituals.css';
import './styles/datenight.css';
import './styles/checkin.css';
import './styles/export.css';
import './styles/answerComments.css';
import './styles/bucket.css';
import './styles/search.css';
import './styles/memories.css';
import './styles/account.css';
import './styles/photos.css';

// The page's one sync engine: every document, socket and device copy (client/src/sync/).
const engine = new SyncEngine({
  relayUrl: relayUrl(),
  openSocket: openBrowserSocket,
  deviceStore: new IndexedDbDeviceStore(),
  spillStorage: browserSpillStorage(),
  clock: browserClock,
  online: browserOnline,
  page: browserPage,
  journals: journalDocuments,
  sendComment: sendOutboxItem,
  maxBackoffMs: jitteredBackoffMs,
  // Two open tabs stay consistent even offline (see RoomRegistryOptions.shareAcrossTabs).
  shareAcrossTabs: true,
});
// Which documents still hold unconfirmed changes from an earlier visit.
void engine.loadMarks();
installUnloadGuard(engine);
// Photos picked on this device wait here until the server has them, across reloads (client/src/photos/).
const photoQueue = new PhotoUploadQueue({
  store: devicePhotoUploads,
  upload: xhrUpload,
  clock: browserClock,
  online: browserOnline,
  retryDelayMs: defaultRetryDelayMs,
});
// Set by the build (client/build/serviceWorkerPlugin.ts); absent on the dev server, which must never be cached.
if (import.meta.env.DUET_SERVICE_WORKER === true) registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <SyncEngineProvider engine={engine}>
      <PhotoQueueProvider queue={photoQueue}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </PhotoQueueProvider>
    </SyncEngineProvider>
  </StrictMode>,
);
