import { createContext, useContext, type ReactNode } from 'react';
import type { SyncEngine } from '../sync/SyncEngine';

const SyncEngineContext = createContext<SyncEngine | null>(null);

/** Hands the page's one sync engine (built in main.tsx) to every component below. */
export function SyncEngineProvider({ engine, children }: { engine: SyncEngine; children: ReactNode }) {
  return <SyncEngineContext.Provider value={engine}>{children}</SyncEngineContext.Provider>;
}

export function useSyncEngine(): SyncEngine {
  const engine = useContext(SyncEngineContext);
  if (engine === null) throw new Error('useSyncEngine outside SyncEngineProvider');
  return engine;
}
