/** A tiny HTTP client that keeps one session cookie, like one browser would. */
export class ApiClient {
  cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  // Tests read answers loosely (`res.body.user.id`): a wrong shape fails their assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0];
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  async signUp(name: string, email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`) {
    const res = await this.request('POST', '/api/accounts', { name, email, password: 'a long enough password' });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.user as { id: string; name: string; email: string };
  }

  async createJournal(title = 'Our journal'): Promise<string> {
    const res = await this.request('POST', '/api/journals', { title });
    if (res.status !== 201) throw new Error(`journal creation failed: ${res.status}`);
    return res.body.journal.id as string;
  }

  async invite(journalId: string): Promise<string> {
    const res = await this.request('POST', `/api/journals/${journalId}/invites`);
    if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.url as string).split('/').pop()!;
  }

  async accept(token: string) {
    return this.request('POST', `/api/invites/${token}/accept`);
  }
}

/** Two partners who share one journal: the usual starting point of a test. */
export async function pairedCouple(baseUrl: string) {
  const a = new ApiClient(baseUrl);
  const b = new ApiClient(baseUrl);
  const userA = await a.signUp('Ada');
  const userB = await b.signUp('Ben');
  const journalId = await a.createJournal();
  const res = await b.accept(await a.invite(journalId));
  if (res.status !== 200) throw new Error(`accept failed: ${res.status}`);
  return { a, b, userA, userB, journalId };
}
