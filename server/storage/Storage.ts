import type { AccountStore } from './AccountStore.js';
import type { DocStore } from './DocStore.js';

/** Everything Duet keeps durably. One implementation per backend. */
export interface Storage extends DocStore, AccountStore {
  close(): Promise<void>;
}
