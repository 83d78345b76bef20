import type { AccountStore } from './AccountStore.js';
import type { DocCatalog } from './DocCatalog.js';
import type { DocStore } from './DocStore.js';
import type { PhotoStore } from './PhotoStore.js';
import type { RitualStore } from './RitualStore.js';
import type { SearchIndex } from './SearchIndex.js';

/** Everything Duet keeps durably. One implementation per backend. */
export interface Storage extends DocStore, AccountStore, DocCatalog {
  readonly rituals: RitualStore;
  readonly photos: PhotoStore;
  /** The full-text index the server keeps of the journals' words (server/search/). */
  readonly search: SearchIndex;
  close(): Promise<void>;
}
