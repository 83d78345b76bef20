import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type * as Y from 'yjs';
import type { AppContext } from './AppContext.js';
import { LoginGuard } from './auth/LoginGuard.js';
import { PasswordHasher } from './auth/PasswordHasher.js';
import { RateLimiter } from './auth/RateLimiter.js';
import { HttpError } from './http/HttpError.js';
import type { RateLimits } from '#shared/protocol/limits.js';
import { accountRoutes } from './http/routes/accountRoutes.js';
import { commentRoutes } from './http/routes/commentRoutes.js';
import { ritualRoutes } from './http/routes/ritualRoutes.js';
import { dateNightRoutes } from './http/routes/dateNightRoutes.js';
import { photoRoutes } from './http/routes/photoRoutes.js';
import { PhotoReferences } from './photos/PhotoReferences.js';
import { type PhotoLimits, PhotoUploads } from './photos/PhotoUploads.js';
import { DateNights } from './rituals/DateNights.js';
import { LoveNotes } from './rituals/LoveNotes.js';
import { QuestionOfTheDay } from './rituals/QuestionOfTheDay.js';
import { CheckIns } from './rituals/CheckIns.js';
import { checkinDocument } from '#shared/documents/checkin.js';
import { QUESTIONS } from '#shared/rituals/questionLibrary.js';
import { inviteRoutes } from './http/routes/inviteRoutes.js';
import { journalRoutes } from './http/routes/journalRoutes.js';
import { Router, sendReply } from './http/Router.js';
import { isSameOrigin } from './http/requestOrigin.js';
import { storageFailureCode, storageUnavailable } from './http/storageFailure.js';
import { staticFiles } from './http/staticFiles.js';
import { Relay } from './relay/Relay.js';
import { COMMENTS_SHAPE } from '#shared/documents/comments.js';
import { DOCUMENTS, type DocumentRegistry, ownerOf, ruleOf } from '#shared/documents/registry.js';
import { MAX_JOURNAL_BYTES, MAX_JOURNAL_DOCUMENTS } from '#shared/model/quotas.js';
import { JournalFullError, type JournalQuota } from './relay/JournalUsage.js';
import { type Logger, silentLogger } from './relay/types.js';
import type { Storage } from './storage/Storage.js';
import { collabUpgrade } from './transport/collabUpgrade.js';

export interface DuetServerOptions {
  storage: Storage;
  port?: number;
  host?: string;
  /** Folder with the built client; omitted in API-only tests. */
  clientDir?: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
  log?: Logger;
  compactEvery?: number;
  now?: () => number;
  /** What one journal may store; defaults to shared/model/quotas.ts (tests set smaller ones). */
  journalQuota?: JournalQuota | null;
  /** What one person may send to the relay; null for no limit (load tests only). Defaults to USER_RATE. */
  userRate?: RateLimits | null;
  /** The kinds of shared document rooms can hold; defaults to shared/documents/registry.ts (tests add kinds). */
  documents?: DocumentRegistry;
  /** Local folder for photo uploads being read and decoded; main.ts puts it in the data folder. Defaults to the OS temp folder. */
  scratchDir?: string;
  /** Photo limits; default to shared/model/quotas.ts (tests set smaller ones). */
  photoLimits?: Partial<PhotoLimits>;
}

export interface DuetServer {
  url: string;
  port: number;
  relay: Relay;
  http: Server;
  /** Graceful stop: refuse new connections, make received updates durable, close sockets with 1012. */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  // connect-src 'self' also covers ws: and wss: to this same host and port (CSP Level 3),
  // which is all the relay needs; the old `ws: wss:` let a script talk to any host.
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Wires storage, the relay, the HTTP API and the static client into one server on one port. */
export async function createDuetServer(options: DuetServerOptions): Promise<DuetServer> {
  const log = options.log ?? silentLogger;
  const documents = options.documents ?? DOCUMENTS;
  // Everything that follows stored documents (photo references; the search index) listens here.
  const storedListeners: ((room: string, doc: Y.Doc) => void)[] = [];
  // Every decision about a room comes from its kind (shared/documents/).
  const kindOf = (room: string) => documents.parse(room)?.kind ?? null;
  const relay = new Relay({
    store: options.storage,
    log,
    compactEvery: options.compactEvery,
    rate: options.userRate,
    // Documents only the server writes (comments: through the API, where authorship is checked).
    readOnly: (room) => kindOf(room)?.writtenBy === 'server' || kindOf(room) === null,
    // Owned documents (a sealed answer, a note): once released, the partner reads them but never writes.
    onlyWriter: (room) => {
      const parsed = documents.parse(room);
      return parsed?.kind.writtenBy === 'owner' ? ownerOf(parsed) : null;
    },
    // What a member's update may change (the index: only their own names on it).
    // An answer's reader may add comment marks to it, and nothing else.
    othersMayFormat: (room) => kindOf(room)?.readersMay !== undefined,
    rules: (room) => {
      const parsed = documents.parse(room);
      return parsed ? ruleOf(parsed) : null;
    },
    // Each kind of document has a known structure; updates that break it are refused before applying.
    // Rooms are parsed at the upgrade, so an unknown name only comes from the server itself: the strictest shape.
    shapes: (room) => kindOf(room)?.shape ?? COMMENTS_SHAPE,
    journalOf: (room) => documents.parse(room)?.journalId ?? null,
    quota: options.journalQuota === undefined ? { bytes: MAX_JOURNAL_BYTES, documents: MAX_JOURNAL_DOCUMENTS } : options.journalQuota,
    onStored: (room, doc) => {
      for (const listener of storedListeners) listener(room, doc);
    },
  });
  const app: AppContext = {
    storage: options.storage,
    relay,
    documents,
    log,
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
    loginGuard: new LoginGuard(options.now),
    signupLimiter: new RateLimiter(20, 60 * 60 * 1000),
    passwords: new PasswordHasher(),
    now: options.now ?? Date.now,
  };
  const router = new Router();
  accountRoutes(app, router);
  journalRoutes(app, router);
  inviteRoutes(app, router);
  commentRoutes(app, router);
  const questions = new QuestionOfTheDay({ storage: options.storage, relay, now: app.now, library: QUESTIONS });
  const notes = new LoveNotes({ storage: options.storage, relay, now: app.now, log });
  ritualRoutes(app, router, { questions, notes });
  dateNightRoutes(app, router, new DateNights({ storage: options.storage, relay, now: app.now }));
  const photoReferences = new PhotoReferences({ relay, documents, log });
  storedListeners.push(photoReferences.onStored);
  const photoUploads = new PhotoUploads({
    storage: options.storage,
    relay,
    references: photoReferences,
    log,
    now: app.now,
    scratchDir: options.scratchDir ?? tmpdir(),
    limits: options.photoLimits,
  });
  photoRoutes(app, router, photoUploads);
  if (options.scratchDir) await photoUploads.sweepScratch();
  // A week's check-in is written by the server (members, carried items) when its room is first needed.
  const checkins = new CheckIns({ storage: options.storage, relay, now: app.now });
  app.prepareRoom = async (room) => (room.kind === checkinDocument && room.id !== null ? checkins.prepare(room.journalId, room.id) : true);
  // Notes that fell due while the server was down are announced now, without holding up the start.
  void notes.start();
  const serveStatic = options.clientDir ? staticFiles(options.clientDir) : null;
  const upgrade = collabUpgrade(app);

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD' && pathname.startsWith('/api/') && !isSameOrigin(req, app.trustProxy)) {
        throw new HttpError(403, 'cross_site', 'Requests from other sites are not allowed.');
      }
      const route = router.match(method, pathname);
      if (route) return sendReply(res, await route.handler({ req, params: route.params }));
      if (pathname.startsWith('/api/')) throw new HttpError(404, 'not_found', 'There is no such API endpoint.');
      if (serveStatic && (await serveStatic(req, res, pathname))) return;
      throw new HttpError(404, 'not_found', 'Nothing here.');
    } catch (caught) {
      let error = caught;
      const storageCode = storageFailureCode(error);
      if (storageCode) {
        // The person is told to try later; whoever runs Duet needs to know why.
        log.error('storage unavailable', { method: req.method, path: pathname, code: storageCode, error: String(error) });
        error = storageUnavailable(req.method ?? 'GET');
      }
      if (error instanceof JournalFullError) {
        error = new HttpError(507, 'journal_storage_full', 'This journal has reached its storage limit, so nothing more can be saved in it.');
      }
      if (error instanceof HttpError) {
        return sendReply(res, { status: error.status, body: { error: { code: error.code, message: error.message } }, headers: error.headers });
      }
      log.error('request failed', { method: req.method, path: pathname, error: String((error as Error).stack ?? error) });
      if (!res.headersSent) {
        sendReply(res, { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. Try again.' } } });
      } else res.destroy();
    }
  };
  // Node's server ignores the handler's promise: a throw while answering an error (a reply
  // that cannot be sent) would be an unhandled rejection, which ends the process.
  const http = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error('could not answer a request', { method: req.method, path: req.url, error: String(error) });
      res.destroy();
    });
  });
  http.on('upgrade', (req, socket, head) => upgrade.handle(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost';

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    relay,
    http,
    close() {
      closing ??= (async () => {
        http.close();
        upgrade.close();
        notes.stop();
        // Entries stored moments ago still get their photos' shownIn, while the relay takes changes.
        await photoReferences.flush();
        await relay.shutdown();
        photoReferences.stop();
        http.closeAllConnections();
      })();
      return closing;
    },
  };
}
