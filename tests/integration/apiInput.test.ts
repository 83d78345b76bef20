import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, pairedCouple } from '../helpers/apiClient.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

/** Requests are checked against the declarations in shared/api/routes.ts, with a message a person can act on. */
describe('the API refuses a malformed request', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.cleanup();
  });

  const refusal = (res: { status: number; body: { error: { code: string; message: string } } }) => [res.status, res.body.error.code, res.body.error.message];

  it('naming the field that is missing, of the wrong type or too long', async () => {
    const api = new ApiClient(server.url);
    expect(refusal(await api.request('POST', '/api/accounts', { name: 'Ada', password: 'a long enough password' }))).toEqual([400, 'invalid_input', 'Email is required.']);
    expect(refusal(await api.request('POST', '/api/accounts', { name: 42, email: 'ada@example.com', password: 'a long enough password' }))).toEqual([
      400,
      'invalid_input',
      'Your name is required.',
    ]);
    expect(refusal(await api.request('POST', '/api/accounts', { name: '   ', email: 'ada@example.com', password: 'x' }))).toEqual([400, 'invalid_input', 'Your name is required.']);
    expect(refusal(await api.request('POST', '/api/accounts', { name: 'A'.repeat(81), email: 'ada@example.com', password: 'x' }))).toEqual([
      400,
      'invalid_input',
      'Your name must be at most 80 characters.',
    ]);
    expect(refusal(await api.request('POST', '/api/accounts', { name: 'Ada', email: 'nope', password: 'a long enough password' }))).toEqual([
      400,
      'invalid_input',
      'Enter a valid email address, like name@example.com.',
    ]);
    expect(refusal(await api.request('POST', '/api/sessions', { email: 'ada@example.com' }))).toEqual([400, 'invalid_input', 'Password is required.']);
  });

  it('trims and lower-cases what it keeps, and ignores fields it does not know', async () => {
    const api = new ApiClient(server.url);
    const created = await api.request('POST', '/api/accounts', { name: '  Ada  ', email: ' ADA@Example.com ', password: 'a long enough password', admin: true });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    const journal = await api.request('POST', '/api/journals', { title: '  Our year  ' });
    expect(journal.body.journal.title).toBe('Our year');
  });

  it('in comment commands: ids, anchor versions and flags', async () => {
    const { a, journalId } = await pairedCouple(server.url);
    const base = `/api/journals/${journalId}/entries/entry00001/threads`;
    expect(refusal(await a.request('POST', base, { threadId: 'x', commentId: 'comment001', quote: 'q', text: 't' }))).toEqual([
      400,
      'invalid_input',
      'threadId must be an id of 8 to 64 letters, digits, _ or -.',
    ]);
    expect(refusal(await a.request('POST', base, { threadId: 'thread0001', commentId: 'comment001', quote: 'q' }))).toEqual([400, 'invalid_input', 'text is required.']);
    expect(
      refusal(await a.request('POST', base, { threadId: 'thread0001', commentId: 'comment001', quote: 'q', text: 't', anchorVersion: { client: -1, clock: 2 } })),
    ).toEqual([400, 'invalid_input', 'anchorVersion must be {client, clock} with whole numbers of at least 0.']);
    expect(refusal(await a.request('POST', `/api/journals/${journalId}/entries/bad/threads`, { threadId: 'thread0001', commentId: 'comment001', quote: 'q', text: 't' }))).toEqual([
      400,
      'invalid_input',
      'The entry id must be an id of 8 to 64 letters, digits, _ or -.',
    ]);
    expect(refusal(await a.request('PATCH', `${base}/thread0001`, { resolved: 'yes' }))).toEqual([400, 'invalid_input', 'resolved must be true or false.']);
    // Nothing was stored by any of them.
    expect((await a.request('GET', base)).body.threads).toEqual([]);
  });

  it('that is not JSON, or not sent as JSON', async () => {
    const raw = (body: string, type: string) => fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': type }, body });
    const notJson = await raw('{"email": ', 'application/json');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');
    const form = await raw('email=a&password=b', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });
});
