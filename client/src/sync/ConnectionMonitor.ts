import type { WebsocketProvider } from 'y-websocket';
import type { OnlineSignal } from './ports';

/** What the person at the keyboard should know about one room's connection. */
export type ConnectionState =
  /** The first attempt since the room was opened; nothing has gone wrong yet. */
  | { kind: 'connecting' }
  /** The socket is open and the document has synced with the relay. */
  | { kind: 'connected' }
  /** The connection was lost (or never made) and the provider is retrying. */
  | { kind: 'reconnecting'; failedAttempts: number }
  /** The device says there is no network; the provider retries when it returns. */
  | { kind: 'offline' }
  /** The relay closed the socket with a code after which retrying cannot help. */
  | { kind: 'stopped'; code: number; reason: string };

type Listener = () => void;

/**
 * Turns a provider's events and the device's online signal into one state
 * that a component can subscribe to (the `subscribe`/`getState` pair fits
 * useSyncExternalStore). Reads only the provider's public events and flags.
 */
export class ConnectionMonitor {
  private state: ConnectionState = { kind: 'connecting' };
  private everSynced = false;
  private failedAttempts = 0;
  private stopped: { code: number; reason: string } | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly stopOnline: () => void;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly online: OnlineSignal,
  ) {
    provider.on('status', this.update);
    provider.on('sync', this.onSync);
    provider.on('connection-close', this.onClose);
    provider.on('closed', this.onPermanentClose);
    this.stopOnline = online.subscribe(this.update);
    this.update();
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Whether the document has synced with the relay at least once. */
  get hasSynced(): boolean {
    return this.everSynced;
  }

  get isStopped(): boolean {
    return this.stopped !== null;
  }

  destroy(): void {
    this.provider.off('status', this.update);
    this.provider.off('sync', this.onSync);
    this.provider.off('connection-close', this.onClose);
    this.provider.off('closed', this.onPermanentClose);
    this.stopOnline();
    this.listeners.clear();
  }

  private onSync = (synced: boolean): void => {
    if (synced) {
      this.everSynced = true;
      this.failedAttempts = 0;
    }
    this.update();
  };

  private onClose = (): void => {
    this.failedAttempts++;
    this.update();
  };

  private onPermanentClose = (event: { code: number; reason: string }): void => {
    this.stopped = event;
    this.update();
  };

  private update = (): void => {
    const next = this.compute();
    if (sameState(next, this.state)) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  };

  private compute(): ConnectionState {
    if (this.stopped) return { kind: 'stopped', ...this.stopped };
    if (!this.online.isOnline()) return { kind: 'offline' };
    // "Connected" waits for the sync answer: an open socket to a relay that is
    // still loading the document has not yet seen anything we typed.
    if (this.provider.wsconnected && this.provider.synced) return { kind: 'connected' };
    if (!this.everSynced && this.failedAttempts === 0) return { kind: 'connecting' };
    return { kind: 'reconnecting', failedAttempts: this.failedAttempts };
  }
}

function sameState(a: ConnectionState, b: ConnectionState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'reconnecting' && b.kind === 'reconnecting') return a.failedAttempts === b.failedAttempts;
  if (a.kind === 'stopped' && b.kind === 'stopped') return a.code === b.code;
  return true;
}
