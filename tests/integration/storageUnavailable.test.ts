import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../../server/storage/SqliteStorage.js';
import { ApiClient } from '../helpers/apiClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/**
 * Makes the server's own SQLite connection behave as on a full disk: the file
 * may not grow past its current size (`max_page_count` belongs to the
 * connection, so it has to be this one), and then the sessions table is filled
 * through the storage API until SQLite answers SQLITE_FULL. Returns a function
 * that frees the disk again.
 */
async function fillDisk(storage: SqliteStorage, userId: string): Promise<() => void> {
  // Test-only reach into the connection; typed, so a rename breaks the build, not the test's meaning.
  const db = storage['db'];
  const normal = db.pragma('max_page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const fill = async (): Promise<unknown> => {
    for (let i = 0; i < 100_000; i++) {
      try {
        await storage.createSession({ id: `filler-${i}`, tokenHash: randomBytes(32).toString('base64url'), userId, expiresAt: 0 });
      } catch (error) {
        return error;
      }
    }
    return null;
  };
  expect(((await fill()) as { code?: string } | null)?.code).toBe('SQLITE_FULL');
  return () => db.pragma(`max_page_count = ${normal}`);
}

describe('when storage cannot save', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.cleanup();
  });

  it('answers 503 storage_unavailable with a message a person can act on, and recovers', async () => {
    server = await startTestServer();
    const ada = new ApiClient(server.url);
    const { id, email } = await ada.signUp('Ada');
    const freeDisk = await fillDisk(server.storage, id);

    const login = await new ApiClient(server.url).request('POST', '/api/sessions', { email, password: 'a long enough password' });
    expect(login.status).toBe(503);
    expect(login.body.error).toEqual({ code: 'storage_unavailable', message: 'Duet cannot save right now. Try again in a few minutes.' });
    expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reading still works on a full disk: Ada still sees her journals.
    expect((await ada.request('GET', '/api/me')).status).toBe(200);
    // A correct password refused for lack of space did not count as a failed attempt:
    // ten more tries with it are all answered the same way, not with 429.
    for (let i = 0; i < 10; i++) {
      expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email, password: 'a long enough password' })).status).toBe(503);
    }

    freeDisk();
    expect((await new ApiClient(server.url).request('POST', '/api/sessions', { email, password: 'a long enough password' })).status).toBe(200);
  });
});
