/**
 * Relay benchmark: Duet's relay against the y-websocket 1.x reference server
 * and Hocuspocus 3.4, each in its own process, driven from one bench process.
 */
import { type Target, allTargets, median } from './benchTargets.js';
import { cpuMs, memoryMiB } from './processStats.js';
import type { BenchClient } from './protocolClient.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Pairs of partners typing one character per update into shared rooms, as fast as they can. */
async function coEditingBurst(target: Target, rooms: number, updatesPerClient: number) {
  const pid = target.process.child.pid!;
  const clients: BenchClient[] = [];
  for (let i = 0; i < rooms; i++) clients.push(target.client(i), target.client(i));
  await Promise.all(clients.map((c) => c.synced));
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  const done = Promise.all(clients.map((c) => c.untilLength(updatesPerClient * 2)));
  for (let u = 0; u < updatesPerClient; u++) {
    for (const c of clients) c.doc.getText('t').insert(0, 'x');
    await nextTurn();
  }
  await done;
  const wallMs = performance.now() - started;
  const cpu = cpuMs(pid) - cpuBefore;
  const memory = memoryMiB(pid);
  await Promise.all(clients.map((c) => c.close()));
  const total = rooms * 2 * updatesPerClient;
  return { wallMs, cpuMs: cpu, updatesPerSecond: (total / wallMs) * 1000, cpuUsPerUpdate: (cpu * 1000) / total, peakMiB: memory.peak };
}

/** Many rooms each holding a document of a few kilobytes, one reader per room. */
async function idleRooms(target: Target, rooms: number) {
  const pid = target.process.child.pid!;
  const before = memoryMiB(pid).rss;
  const clients: BenchClient[] = [];
  const paragraph = 'We walked along the lake until the light went gold. '.repeat(80);
  for (let i = 0; i < rooms; i++) {
    const c = target.client(10_000 + i);
    clients.push(c);
    await c.synced;
    c.doc.getText('t').insert(0, paragraph);
  }
  // A second client per room proves each document reached the server whole.
  const readers = clients.map((_, i) => target.client(10_000 + i));
  await Promise.all(readers.map((r) => r.untilLength(paragraph.length)));
  await Promise.all(readers.map((r) => r.close()));
  const held = memoryMiB(pid).rss;
  await Promise.all(clients.map((c) => c.close()));
  return { rssDeltaMiB: held - before, kibPerRoom: ((held - before) * 1024) / rooms };
}

/** Runs the relay scenarios and returns their section of docs/benchmarks.md. */
export async function runRelayBench(): Promise<string> {
  const ROUNDS = 3;
  const ROOMS = 50;
  const UPDATES = 200;
  const IDLE_ROOMS = 300;
  const results = new Map<string, { burst: Awaited<ReturnType<typeof coEditingBurst>>[]; idle: Awaited<ReturnType<typeof idleRooms>>[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no server always runs on a warmer machine.
    const all = allTargets;
    const makers = [...all.slice(round % all.length), ...all.slice(0, round % all.length)];
    for (const make of makers) {
      const target = await make();
      try {
        const burst = await coEditingBurst(target, ROOMS, UPDATES);
        const idle = await idleRooms(target, IDLE_ROOMS);
        const entry = results.get(target.name) ?? { burst: [], idle: [] };
        entry.burst.push(burst);
        entry.idle.push(idle);
        results.set(target.name, entry);
        process.stdout.write(`round ${round + 1}: ${target.name}: ${burst.updatesPerSecond.toFixed(0)} updates/s, ${burst.cpuUsPerUpdate.toFixed(1)} µs CPU/update, ${idle.kibPerRoom.toFixed(1)} KiB/room\n`);
      } finally {
        await target.stop();
      }
    }
  }

  const rows = [...results].map(([name, r]) => ({
    name,
    updatesPerSecond: median(r.burst.map((b) => b.updatesPerSecond)),
    cpuUsPerUpdate: median(r.burst.map((b) => b.cpuUsPerUpdate)),
    peakMiB: median(r.burst.map((b) => b.peakMiB)),
    kibPerRoom: median(r.idle.map((i) => i.kibPerRoom)),
  }));
  const duet = rows.find((r) => r.name.startsWith('Duet'))!;
  const table = [
    '| server | updates relayed per second | server CPU per update | peak RSS during burst | memory per idle room (5 KB doc) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.updatesPerSecond.toFixed(0)} | ${r.cpuUsPerUpdate.toFixed(1)} µs | ${r.peakMiB.toFixed(0)} MiB | ${r.kibPerRoom.toFixed(1)} KiB |`),
  ].join('\n');
  const ratios = rows
    .filter((r) => r !== duet)
    .map(
      (peer) =>
        `- Against ${peer.name}: throughput **${(duet.updatesPerSecond / peer.updatesPerSecond).toFixed(2)}×** (higher is better), ` +
        `CPU per update **${(duet.cpuUsPerUpdate / peer.cpuUsPerUpdate).toFixed(2)}×**, ` +
        `memory per idle room **${(duet.kibPerRoom / peer.kibPerRoom).toFixed(2)}×** (lower is better)`,
    )
    .join('\n');
  return `## Relay

Each figure is the median of ${ROUNDS} rounds; the servers rotate order between rounds and are
driven by the same lean y-websocket protocol clients (Hocuspocus by its own provider).

- **Co-editing burst**: ${ROOMS} rooms, two clients each, every client inserts ${UPDATES} characters one
  update at a time as fast as it can (${ROOMS * 2 * UPDATES} updates, each relayed to the partner).
  Timed from the first keystroke until every client has every character. CPU is the server
  process's user + system time over the burst.
- **Idle rooms**: ${IDLE_ROOMS} rooms each holding a document of about 4 KB of text; the growth of the
  server's resident memory divided by the number of rooms.

${table}

${ratios}

Ratios are Duet's figure divided by the peer's. Duet does more work per update than either peer: it
validates each update and commits it to SQLite (\`synchronous=FULL\`) before relaying it. The
reference server keeps documents only in memory; Hocuspocus stores a whole document state 2 s after
changes stop (at most every 10 s), so it loses what it relayed in that window when killed.
`;
}
