import { describe, expect, expectTypeOf, it } from 'vitest';
import * as v from 'valibot';
import { type PathParams, type RequestBody, type ResponseOf, pathOf } from '#shared/api/route.js';
import { routes } from '#shared/api/routes.js';
import type { Me } from '#shared/api/types.js';
import type { CommentThread } from '#shared/model/comments.js';

describe('the HTTP API declarations', () => {
  it('fill in path parameters, each URI-encoded', () => {
    expect(pathOf(routes.journal, { id: 'journal001' })).toBe('/api/journals/journal001');
    expect(pathOf(routes.addReaction, { id: 'j', entryId: 'e', threadId: 't', commentId: 'c', emoji: '❤️' })).toBe(
      `/api/journals/j/entries/e/threads/t/comments/c/reactions/${encodeURIComponent('❤️')}`,
    );
    expect(pathOf(routes.invite, { token: 'a/b?c' })).toBe('/api/invites/a%2Fb%3Fc');
  });

  it('give both sides the same types (checked by tsc)', () => {
    expectTypeOf<ResponseOf<typeof routes.me>>().toEqualTypeOf<Me>();
    expectTypeOf<ResponseOf<typeof routes.reply>>().toEqualTypeOf<{ thread: CommentThread }>();
    expectTypeOf<ResponseOf<typeof routes.logOut>>().toEqualTypeOf<void>();
    expectTypeOf<PathParams<typeof routes.removeMember.path>>().toEqualTypeOf<{ id: string; userId: string }>();
    expectTypeOf<RequestBody<typeof routes.createJournal>>().toEqualTypeOf<{ title: string }>();
    expectTypeOf<RequestBody<typeof routes.me>>().toEqualTypeOf<undefined>();
  });

  it('declare each method and path once', () => {
    const keys = Object.values(routes).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('accept what the client sends and read it as the server keeps it', () => {
    expect(v.parse(routes.signUp.body, { name: ' Ada ', email: 'ADA@example.com', password: ' secret words ' })).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      // Passwords are taken exactly as typed.
      password: ' secret words ',
    });
    expect(v.parse(routes.createThread.body, { threadId: 'thread0001', commentId: 'comment001', quote: 'q', text: 't' }).anchorVersion).toBeNull();
  });
});
