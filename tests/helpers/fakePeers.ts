import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { readAwarenessUpdate } from '#shared/protocol/awarenessUpdate.js';
import { MessageType, SyncStep } from '#shared/protocol/messageTypes.js';
import type { PeerSocket } from '../../server/relay/types.js';
import type { DocStore, PendingUpdate, StoredDoc } from '../../server/storage/DocStore.js';
import { SqliteStorage } from '../../server/storage/SqliteStorage.js';

/** A socket that records what the relay sends it, for tests that run without a network. */
export class FakeSocket implements PeerSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  private waiters: { predicate: (socket: FakeSocket) => boolean; resolve(): void }[] = [];

  /** `stalled`: a client that never reads, so everything sent stays queued. */
  constructor(private readonly stalled = false) {}

  send(data: Uint8Array): void {
    if (this.stalled) this.bufferedAmount += data.byteLength;
    this.sent.push(data);
    this.notify();
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.notify();
  }

  /** Resolves once `predicate` holds, re-checking on every frame or close. */
  until(predicate: (socket: FakeSocket) => boolean): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** Decoded document updates (sync step 2 and update frames) received so far. */
  updates(): Uint8Array[] {
    return this.sent.flatMap((frame) => {
      const d = decoding.createDecoder(frame);
      if (decoding.readVarUint(d) !== MessageType.Sync) return [];
      const step = decoding.readVarUint(d);
      return step === SyncStep.Step2 || step === SyncStep.Update ? [decoding.readVarUint8Array(d)] : [];
    });
  }

  awarenessClientIds(): number[] {
    return this.sent.flatMap((frame) => {
      const d = decoding.createDecoder(frame);
      if (decoding.readVarUint(d) !== MessageType.Awareness) return [];
      return readAwarenessUpdate(decoding.readVarUint8Array(d)).map((e) => e.clientId);
    });
  }

  /** Applies everything received to a fresh doc, as a client would see it. */
  view(): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.updates()) Y.applyUpdate(doc, update);
    return doc;
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(this)) return true;
      w.resolve();
      return false;
    });
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A real SQLite store whose loads and writes the test can hold back or fail,
 * to check what the relay does while storage is slow or broken.
 *
 * Call `release()` in `afterEach`, before shutting the relay down: a test that
 * fails while a gate is closed never opens it, and the relay's shutdown would
 * wait on it until the hook times out (two minutes) instead of failing at once.
 */
export class GatedStore implements DocStore {
  loadCalls = 0;
  appendCalls: PendingUpdate[][] = [];
  loadGate: Deferred<void> | null = null;
  appendGate: Deferred<void> | null = null;
  failNextLoad = false;
  failNextAppend = false;
  private readonly released = deferred();

  /** Opens every gate, those a test replaced without opening included, and lets later calls through. */
  release(): void {
    this.released.resolve();
  }

  private async pass(gate: Deferred<void> | null): Promise<void> {
    if (gate) await Promise.race([gate.promise, this.released.promise]);
  }

  /** `inner`: pass the store of an earlier GatedStore to model a relay restarted on the same data. */
  constructor(readonly inner: SqliteStorage = new SqliteStorage(':memory:')) {}

  async loadDoc(doc: string): Promise<StoredDoc> {
    this.loadCalls++;
    await this.pass(this.loadGate);
    if (this.failNextLoad) {
      this.failNextLoad = false;
      throw new Error('disk unavailable');
    }
    return this.inner.loadDoc(doc);
  }

  async appendUpdates(batch: readonly PendingUpdate[]): Promise<number[]> {
    this.appendCalls.push([...batch]);
    await this.pass(this.appendGate);
    if (this.failNextAppend) {
      this.failNextAppend = false;
      throw new Error('disk full');
    }
    return this.inner.appendUpdates(batch);
  }

  compactDoc(doc: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.inner.compactDoc(doc, snapshot, throughSeq);
  }

  usage(prefix: string): Promise<{ bytes: number; docs: number }> {
    return this.inner.usage(prefix);
  }
}
