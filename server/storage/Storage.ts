import type { AccountStore } from './AccountStore.js';
import type { DocStore } from './DocStore.js';
import type { PhotoStore } from './PhotoStore.js';
import type { RitualStore } from './RitualStore.js';

/** Everything Duet keeps durably. One implementation per backend. */
export interface Storage extends DocStore, AccountStore {
  readonly rituals: RitualStore;
  readonly photos: PhotoStore;
  close(): Promise<void>;
}
