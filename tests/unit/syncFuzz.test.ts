import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { entryRoom } from '#shared/documents/entry.js';
import type { CollabRoom } from '../../client/src/sync/RoomRegistry.js';
import { deferred } from '../helpers/fakePeers.js';
import { SyncWorld, type SyncDevice, type SyncTab } from '../helpers/syncWorld.js';

/**
 * Random schedules of typing, delivery, lost connections, offline devices and
 * stalled storage, each from a seed (failing writes: the pinned case below). After every action: a document
 * whose status is "confirmed" has all of its own client's changes in storage
 * (never only in the relay's memory). At the end, with the network back and
 * storage working: everyone confirmed, and every tab and storage hold the
 * same text.
 *
 * `DUET_SYNC_FUZZ_RUNS=N` runs N schedules (default 1500, a short CI run);
 * `DUET_SYNC_FUZZ_SEED=S` replays one (`DUET_SYNC_FUZZ_TRACE=1` logs each action,
 * `DUET_SYNC_NET_TRACE=1` each frame).
 */
const RUNS = Number(process.env.DUET_SYNC_FUZZ_RUNS ?? 1500);
const ONLY_SEED = process.env.DUET_SYNC_FUZZ_SEED === undefined ? null : Number(process.env.DUET_SYNC_FUZZ_SEED);
const ACTIONS = 30;
const ALPHABET = 'abcdefghij ';

interface Actor {
  device: SyncDevice;
  tab: SyncTab;
  room: CollabRoom;
}

function checkConfirmedIsStored(world: SyncWorld, actors: readonly Actor[], seed: number, action: string, roomName: string): void {
  for (const { tab, room } of actors) {
    if (room.sync.getState() !== 'confirmed') continue;
    const own = Y.getState(room.doc.store, room.doc.clientID);
    const stored = world.store.storedClock(roomName, room.doc.clientID);
    if (stored < own) throw new Error(`seed ${seed}: ${tab.id} says confirmed after "${action}" but storage has ${stored} of its ${own} items`);
  }
}

/** One schedule, in rooms of its own on the shared relay. */
async function runSchedule(world: SyncWorld, seed: number, options: { storageFailures: boolean }): Promise<void> {
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
    } else if (roll < 0.97 || !options.storageFailures) {
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
    checkConfirmedIsStored(world, actors, seed, action, roomName);
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
      console.log('relay room', r ? { resetting: r.resetting, lost: r.lost, peers: (r.peers as Set<unknown>).size, attached: r.attached, text: (r.doc as Y.Doc | undefined)?.getText('title').toString() } : 'none');
      console.log('links', world.network.links.map((l) => `${l.id} ${l.tab.id} ${l.phase} up${l.up.length} down${l.down.length} cc${l.clientClosed} sc${l.serverClosed}`));
      for (const { tab, room } of actors) console.log('pending', tab.id, room.doc.clientID, JSON.stringify(room.doc.store.pendingStructs ? [...room.doc.store.pendingStructs.missing] : null), room.doc.store.pendingDs !== null, JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(room.doc))]));
      console.log('appends', world.store.appendCalls.length, 'gate', world.store.appendGate !== null, 'fail', world.store.failNextAppend);
    }
    const states = actors.map(({ tab, room }) => `${tab.id}: ${room.sync.getState()} ${room.connection.getState().kind} "${room.doc.getText('title').toString()}"`);
    throw new Error(`seed ${seed}: ${(error as Error).message}; stored "${stored()}"; ${states.join('; ')}`, { cause: error });
  }
  checkConfirmedIsStored(world, actors, seed, 'the end', roomName);
}

describe('sync engine fuzz', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it(`keeps "confirmed" honest and converges over ${ONLY_SEED === null ? RUNS : 1} random schedules`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const seeds = ONLY_SEED === null ? Array.from({ length: RUNS }, (_, i) => i + 1) : [ONLY_SEED];
    const world = new SyncWorld();
    try {
      for (const seed of seeds) {
        try {
          await runSchedule(world, seed, { storageFailures: false });
        } catch (error) {
          console.error(`sync fuzz failed with seed ${seed}; replay with DUET_SYNC_FUZZ_SEED=${seed}`);
          throw error;
        }
      }
    } finally {
      await world.dispose();
    }
    expect(seeds.length).toBeGreaterThan(0);
  }, 600_000);

  /**
   * Found by this fuzz with failing writes, a bug of the relay rather than of
   * the engine: a write fails while a later update that builds on it is
   * already queued in the next batch; that batch is stored, so storage holds
   * an update whose base it lacks. After the reset every client ends up with
   * such a piece pending, each step 2 then carries a part that waits on
   * another client's, and the relay holds them all (4409, reconnect, again):
   * nothing converges. Pinned until the relay's write pipeline (issue 14,
   * item 3) drops or retries what follows a failed write.
   */
  it.fails('converges after a failed write followed by one that builds on it (seed 878)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const world = new SyncWorld();
    try {
      await runSchedule(world, 878, { storageFailures: true });
    } finally {
      await world.dispose();
    }
  }, 60_000);
});
