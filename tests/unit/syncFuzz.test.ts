import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import type { CollabRoom } from '../../client/src/sync/RoomRegistry.js';
import { deferred } from '../helpers/fakePeers.js';
import { SyncWorld, type SyncDevice, type SyncTab } from '../helpers/syncWorld.js';

/**
 * Random schedules of typing, delivery, lost connections, offline devices,
 * stalled storage and failing writes, each from a seed. After every action:
 * storage holds no update whose base it lacks, and a document whose status is
 * "confirmed" has all of its own client's changes in storage (never only in
 * the relay's memory). At the end, with the network back and
 * storage working: everyone confirmed, and every tab and storage hold the
 * same text.
 *
 * `DUET_SYNC_FUZZ_RUNS=N` runs N schedules (default 300: under 2 s alone, and
 * under 20 s in the full suite on two busy cores; 20000 take two to three
 * minutes alone, and name every failing seed);
 * `DUET_SYNC_FUZZ_SEED=S` replays one (`DUET_SYNC_FUZZ_TRACE=1` logs each action,
 * `DUET_SYNC_NET_TRACE=1` each frame).
 */
const RUNS = Number(process.env.DUET_SYNC_FUZZ_RUNS ?? 300);
const ONLY_SEED = process.env.DUET_SYNC_FUZZ_SEED === undefined ? null : Number(process.env.DUET_SYNC_FUZZ_SEED);
const ACTIONS = 30;
const ALPHABET = 'abcdefghij ';

interface Actor {
  device: SyncDevice;
  tab: SyncTab;
  room: CollabRoom;
}

/**
 * After every action: storage holds nothing it could not integrate (an update
 * whose base was never stored), and a document that says "confirmed" has all
 * of its own client's changes in storage.
 */
function checkInvariants(world: SyncWorld, actors: readonly Actor[], seed: number, action: string, roomName: string): void {
  const committed = world.store.committed(roomName).store;
  if (committed.pendingStructs !== null || committed.pendingDs !== null) {
    throw new Error(`seed ${seed}: after "${action}" storage holds an update whose base it lacks`);
  }
  for (const { tab, room } of actors) {
    if (room.sync.getState() !== 'confirmed') continue;
    const own = Y.getState(room.doc.store, room.doc.clientID);
    const stored = world.store.storedClock(roomName, room.doc.clientID);
    if (stored < own) throw new Error(`seed ${seed}: ${tab.id} says confirmed after "${action}" but storage has ${stored} of its ${own} items`);
  }
}

/** One schedule, in rooms of its own on the shared relay. */
async function runSchedule(world: SyncWorld, seed: number): Promise<void> {
  await world.reseed(seed);
  const roomName = entryRoom('journal001', `entry-seed${seed}`);
  const random = world.random;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const ada = world.device('ada', { userId: 'user-ada1', userName: 'Ada' });
  const ben = world.device('ben', { userId: 'user-ben1', userName: 'Ben' });
  const actors: Actor[] = [ada, ada, ben].map((device) => {
    const tab = device.openTab();
    return { device, tab, room: tab.engine.rooms.acquire(roomName) };
  });
  const devices = [ada, ben];
  for (let i = 0; i < ACTIONS; i++) {
    const roll = random();
    let action: string;
    if (roll < 0.3) {
      const { room } = pick(actors);
      const text = room.doc.getText('title');
      if (text.length > 0 && random() < 0.3) {
        const at = Math.floor(random() * text.length);
        text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 3)));
        action = 'delete';
      } else {
        text.insert(Math.floor(random() * (text.length + 1)), pick([...ALPHABET]).repeat(1 + Math.floor(random() * 3)));
        action = 'type';
      }
    } else if (roll < 0.6) {
      const steps = 1 + Math.floor(random() * 8);
      for (let s = 0; s < steps && world.network.step(); s++) {
        // Sometimes the relay's writes and replies run between deliveries, sometimes not.
        if (random() < 0.6) await world.settleTasks();
      }
      action = 'deliver';
    } else if (roll < 0.75) {
      vi.advanceTimersByTime(Math.floor(random() * 400));
      await world.settleTasks();
      action = 'time';
    } else if (roll < 0.82) {
      const live = world.network.live();
      if (live.length > 0) world.network.cut(pick(live));
      action = 'drop a connection';
    } else if (roll < 0.9) {
      const device = pick(devices);
      device.setOnline(!device.online);
      action = device.online ? 'online' : 'offline';
    } else if (roll < 0.97) {
      if (world.store.appendGate) {
        world.store.appendGate.resolve();
        world.store.appendGate = null;
        action = 'storage resumes';
      } else {
        world.store.appendGate = deferred();
        action = 'storage stalls';
      }
    } else {
      world.store.failNextAppend = true;
      action = 'storage fails once';
    }
    await world.settleTasks();
    if (process.env.DUET_SYNC_FUZZ_TRACE) console.log(i, action, actors.map(({ tab, room }) => `${tab.id}:${room.sync.getState()}:${room.connection.getState().kind}:${room.doc.getText('title').toString()}`).join(' '));
    checkInvariants(world, actors, seed, action, roomName);
  }

  // The network comes back and storage works again: everything must settle.
  for (const device of devices) device.setOnline(true);
  world.store.appendGate?.resolve();
  world.store.appendGate = null;
  world.store.failNextAppend = false;
  const texts = () => actors.map(({ room }) => room.doc.getText('title').toString());
  const stored = () => world.store.committed(roomName).getText('title').toString();
  try {
    await world.until(
      () => actors.every(({ room }) => room.sync.getState() === 'confirmed') && texts().every((t) => t === stored()),
      120_000,
      'everyone confirmed and converged',
    );
  } catch (error) {
    if (process.env.DUET_SYNC_FUZZ_TRACE) {
      const rooms = (world.relay as unknown as { rooms: Map<string, Record<string, unknown>> }).rooms;
      const r = rooms.get(roomName);
      console.log('relay room', r ? { resetting: r.gate !== null, dropped: r.dropped, members: (r.members as Map<unknown, unknown>).size, welcomed: (r.welcomed as Set<unknown>).size, text: (r.doc as Y.Doc | undefined)?.getText('title').toString() } : 'none');
      console.log('links', world.network.links.map((l) => `${l.id} ${l.tab.id} ${l.phase} up${l.up.length} down${l.down.length} cc${l.clientClosed} sc${l.serverClosed}`));
      for (const { tab, room } of actors) console.log('pending', tab.id, room.doc.clientID, JSON.stringify(room.doc.store.pendingStructs ? [...room.doc.store.pendingStructs.missing] : null), room.doc.store.pendingDs !== null, JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(room.doc))]));
      console.log('appends', world.store.appendCalls.length, 'gate', world.store.appendGate !== null, 'fail', world.store.failNextAppend);
    }
    const states = actors.map(({ tab, room }) => `${tab.id}: ${room.sync.getState()} ${room.connection.getState().kind} "${room.doc.getText('title').toString()}"`);
    throw new Error(`seed ${seed}: ${(error as Error).message}; stored "${stored()}"; ${states.join('; ')}`, { cause: error });
  }
  checkInvariants(world, actors, seed, 'the end', roomName);
}

describe('sync engine fuzz', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it(`keeps "confirmed" honest and converges over ${ONLY_SEED === null ? RUNS : 1} random schedules`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const seeds = ONLY_SEED === null ? Array.from({ length: RUNS }, (_, i) => i + 1) : [ONLY_SEED];
    const world = new SyncWorld();
    // Every schedule runs (each in rooms of its own), so a long run names every failing seed at once.
    const failures: { seed: number; error: unknown }[] = [];
    try {
      for (const seed of seeds) {
        try {
          await runSchedule(world, seed);
        } catch (error) {
          console.error(`sync fuzz failed with seed ${seed}; replay with DUET_SYNC_FUZZ_SEED=${seed}: ${(error as Error).message}`);
          failures.push({ seed, error });
        }
      }
    } finally {
      await world.dispose();
    }
    if (failures.length > 0) {
      throw new Error(`sync fuzz failed with seeds ${failures.map((f) => f.seed).join(', ')}`, { cause: failures[0].error });
    }
    expect(seeds.length).toBeGreaterThan(0);
  }, 600_000);

  /**
   * Found by this fuzz, a bug of the relay rather than of the engine: a write
   * failed while a later update that builds on it was already queued in the
   * next batch; that batch was stored, so storage held an update whose base it
   * lacked. After the reset every client ended up with such a piece pending,
   * each step 2 then carried a part that waited on another client's, and the
   * relay held them all (4409, reconnect, again): nothing converged. The relay
   * now withdraws every write of a document queued after one that failed
   * (WriteBatcher's WriteBase; tests/unit/relayWriteFailure.test.ts).
   */
  it('converges after a failed write followed by one that builds on it (seed 878)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const world = new SyncWorld();
    try {
      await runSchedule(world, 878);
    } finally {
      await world.dispose();
    }
  }, 60_000);
});
