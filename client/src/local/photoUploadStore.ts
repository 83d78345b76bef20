import { IndexedDbConnection, committed, done } from './indexedDb';

/**
 * Photos picked on this device that the server has not stored yet, with
 * their bytes, so a photo added offline (or a tab closed mid-upload) is sent
 * when the app next runs. The queue's logic is client/src/photos/PhotoUploadQueue.ts;
 * this file is where the photos wait: one IndexedDB database of its own
 * (`duet-photos`), so the document store's schema never has to change for it.
 * Everything here belongs to the signed-in person: `wipeLocalData` clears it
 * at logout and when another account signs in.
 */

/** Why the server will never take a photo, told to the person (413, 415, 422, 507…). */
export interface PhotoRefusal {
  status: number;
  code: string;
  message: string;
}

export interface StoredPhotoUpload {
  journalId: string;
  photoId: string;
  /** The entry it was put in (the server records it as where the photo came from). */
  entryId: string;
  blob: Blob;
  /** When it was picked (ms); uploads go oldest first. */
  addedAt: number;
  /** Set once the server refused it for good; kept so the entry can still say why after a reload. */
  refusal: PhotoRefusal | null;
}

/** Where waiting photos are kept. The browser's is IndexedDB (below); tests keep them in memory. */
export interface PhotoUploadStore {
  /** Bumped at once by `clear`: a write begun before a wipe checks it and is dropped. */
  readonly generation: number;
  put(upload: StoredPhotoUpload): Promise<void>;
  list(): Promise<StoredPhotoUpload[]>;
  remove(journalId: string, photoId: string): Promise<void>;
  /** Removes every waiting photo (logout). Listeners hear of it at once, before the database is cleared. */
  clear(): Promise<void>;
  onClear(listener: () => void): () => void;
}

const DB_NAME = 'duet-photos';
const DB_VERSION = 1;
const UPLOADS = 'uploads';

class IndexedDbPhotoUploadStore implements PhotoUploadStore {
  private readonly db = new IndexedDbConnection(DB_NAME, DB_VERSION, (db) => {
    db.createObjectStore(UPLOADS, { keyPath: ['journalId', 'photoId'] });
  });
  private wipes = 0;
  private readonly clearListeners = new Set<() => void>();

  get generation(): number {
    return this.wipes;
  }

  async put(upload: StoredPhotoUpload): Promise<void> {
    const generation = this.wipes;
    const tx = (await this.db.open()).transaction(UPLOADS, 'readwrite');
    // Logged out while the database was opening: this photo belongs to nobody now.
    if (generation !== this.wipes) return;
    tx.objectStore(UPLOADS).put(upload);
    await committed(tx);
  }

  async list(): Promise<StoredPhotoUpload[]> {
    const tx = (await this.db.open()).transaction(UPLOADS, 'readonly');
    return done(tx.objectStore(UPLOADS).getAll() as IDBRequest<StoredPhotoUpload[]>);
  }

  async remove(journalId: string, photoId: string): Promise<void> {
    const tx = (await this.db.open()).transaction(UPLOADS, 'readwrite');
    tx.objectStore(UPLOADS).delete([journalId, photoId]);
    await committed(tx);
  }

  async clear(): Promise<void> {
    this.wipes++;
    for (const listener of [...this.clearListeners]) listener();
    const tx = (await this.db.open()).transaction(UPLOADS, 'readwrite');
    tx.objectStore(UPLOADS).clear();
    await committed(tx);
  }

  onClear(listener: () => void): () => void {
    this.clearListeners.add(listener);
    return () => this.clearListeners.delete(listener);
  }
}

/**
 * The page's one store of waiting photos. Module-level like the API cache,
 * because logout (session/localData.ts) must reach it without the upload
 * queue that main.tsx builds on top of it.
 */
export const devicePhotoUploads: PhotoUploadStore = new IndexedDbPhotoUploadStore();
