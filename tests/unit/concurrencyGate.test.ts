import { describe, expect, it } from 'vitest';
import { ConcurrencyGate, GateFullError } from '../../server/auth/ConcurrencyGate.js';

/** A task the test finishes by hand, so nothing depends on timing. */
function manualTask() {
  let finish!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: () => ((started = true), done),
    get started() {
      return started;
    },
    finish: () => finish(),
  };
}

describe('ConcurrencyGate', () => {
  it('runs at most N tasks, queues a bounded number and refuses the rest at once', async () => {
    const gate = new ConcurrencyGate(2, 1);
    const tasks = [manualTask(), manualTask(), manualTask()];
    const runs = tasks.map((t) => gate.run(t.run));
    await expect(gate.run(async () => 'never')).rejects.toBeInstanceOf(GateFullError);
    expect(tasks.map((t) => t.started)).toEqual([true, true, false]);
    tasks[0].finish();
    await runs[0];
    expect(tasks[2].started).toBe(true);
    tasks[1].finish();
    tasks[2].finish();
    await Promise.all(runs);
    // All slots are free again.
    expect(await Promise.all([gate.run(async () => 1), gate.run(async () => 2), gate.run(async () => 3)])).toEqual([1, 2, 3]);
  });

  it('frees the slot of a task that fails', async () => {
    const gate = new ConcurrencyGate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
