import type { AccountStore } from './AccountStore.js';
import type { DocCatalog } from './DocCatalog.js';
import type { DocStore } from './DocStore.js';
import type { RitualStore } from './RitualStore.js';

/** Everything Duet keeps durably. One implementation per backend. */
export interface Storage extends DocStore, AccountStore, DocCatalog {
  readonly rituals: RitualStore;
  close(): Promise<void>;
}
