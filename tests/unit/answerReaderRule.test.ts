import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Transform } from '@tiptap/pm/transform';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { answerDocument, answerCommentsKey, parseAnswerCommentsKey } from '#shared/documents/answer.js';
import { COMMENT_MARK_NAME, answerReaderRule } from '#shared/documents/answerRule.js';
import { entryBody, entryTitle } from '#shared/documents/entry.js';
import { createDocumentRegistry, ruleOf } from '#shared/documents/registry.js';
import { COMMENT_MARK } from '#shared/schema/commentMark.js';
import { entrySchema } from '#shared/schema/entryContent.js';

const ada = 'ada0000001';
const ben = 'ben0000001';
const writer = (userId: string) => ({ userId, userName: userId });
const schema = entrySchema();

/**
 * Ada's answer as the relay holds it, and Ben's copy. `send` applies what Ben
 * (or Ada) changed to the relay's copy as the relay does, judged by the rule
 * made for Ada's room, and answers the rule's verdict.
 */
function answer() {
  const relay = new Y.Doc();
  const words = new Y.XmlText('the night the ferry broke down');
  words.format(4, 5, { bold: {} });
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [words]);
  entryBody(relay).insert(0, [paragraph]);
  entryTitle(relay).insert(0, 'Ferry');
  const copies = new Map([ada, ben].map((id) => [id, new Y.Doc()]));
  for (const copy of copies.values()) Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
  const rule = answerReaderRule(ada);
  const send = (who: string): string | null => {
    const update = Y.encodeStateAsUpdate(copies.get(who)!, Y.encodeStateVector(relay));
    const watched = rule.watch(relay);
    let problem: string | null = null;
    const review = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => (problem ??= rule.check(events, relay, writer(who)));
    for (const type of watched) type.observeDeep(review);
    Y.applyUpdate(relay, update, who);
    for (const type of watched) type.unobserveDeep(review);
    return problem;
  };
  const textOf = (who: string) => (entryBody(copies.get(who)!).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { copy: (who: string) => copies.get(who)!, textOf, send };
}

/** Adds or takes off a comment mark the way the editor does: a ProseMirror change written back by y-tiptap. */
function markAsTheEditorDoes(doc: Y.Doc, from: number, to: number, threadId: string, on = true): void {
  const fragment = entryBody(doc);
  const before = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  const mark = schema.marks[COMMENT_MARK].create({ threadId });
  // Positions in the document: 1 is the first character of the first paragraph.
  const transform = new Transform(before);
  if (on) transform.addMark(from, to, mark);
  else transform.removeMark(from, to, mark);
  doc.transact(() => updateYFragment(doc, fragment, transform.doc, { mapping: new Map(), isOMark: new Map() }));
}

describe('what the partner may change in a released answer', () => {
  it('names the comment mark as the editor schema does', () => {
    expect(COMMENT_MARK_NAME).toBe(COMMENT_MARK);
  });

  it('lets the partner add and take off comment marks, as the editor writes them', () => {
    const { copy, send } = answer();
    markAsTheEditorDoes(copy(ben), 5, 10, 'thread-0000001');
    expect(send(ben)).toBeNull();
    // A second, overlapping thread keeps its own extent (comment--<hash> attributes side by side).
    markAsTheEditorDoes(copy(ben), 8, 20, 'thread-0000002');
    expect(send(ben)).toBeNull();
    markAsTheEditorDoes(copy(ben), 5, 10, 'thread-0000001', false);
    expect(send(ben)).toBeNull();
  });

  it('lets the partner format with the plain attribute too, and take it off', () => {
    const { textOf, send } = answer();
    textOf(ben).format(0, 3, { comment: { threadId: 'thread-0000003' } });
    expect(send(ben)).toBeNull();
    textOf(ben).format(0, 3, { comment: null });
    expect(send(ben)).toBeNull();
  });

  it('refuses the partner any change of the words', () => {
    const inserted = answer();
    inserted.textOf(ben).insert(3, ' long');
    expect(inserted.send(ben)).toMatch(/words/);
    const deleted = answer();
    deleted.textOf(ben).delete(0, 4);
    expect(deleted.send(ben)).toMatch(/words/);
    const paragraph = answer();
    paragraph.copy(ben).transact(() => entryBody(paragraph.copy(ben)).insert(1, [new Y.XmlElement('paragraph')]));
    expect(paragraph.send(ben)).not.toBeNull();
    const removed = answer();
    entryBody(removed.copy(ben)).delete(0, 1);
    expect(removed.send(ben)).not.toBeNull();
    const title = answer();
    entryTitle(title.copy(ben)).insert(0, 'My ');
    expect(title.send(ben)).not.toBeNull();
  });

  it('refuses other marks, bad comment values and attributes', () => {
    const bold = answer();
    bold.textOf(ben).format(0, 3, { italic: {} });
    expect(bold.send(ben)).toMatch(/no other formatting/);
    const unbold = answer();
    unbold.textOf(ben).format(4, 5, { bold: null });
    expect(unbold.send(ben)).toMatch(/no other formatting/);
    const odd = answer();
    odd.textOf(ben).format(0, 3, { 'comment--x': { threadId: 'thread-0000004', color: 'red' } });
    expect(odd.send(ben)).toMatch(/names its thread/);
    const badId = answer();
    badId.textOf(ben).format(0, 3, { 'comment--x': { threadId: 'a/b' } });
    expect(badId.send(ben)).toMatch(/names its thread/);
    const element = answer();
    (entryBody(element.copy(ben)).get(0) as Y.XmlElement).setAttribute('textAlign', 'center');
    expect(element.send(ben)).not.toBeNull();
    const titleMark = answer();
    entryTitle(titleMark.copy(ben)).format(0, 3, { comment: { threadId: 'thread-0000005' } });
    expect(titleMark.send(ben)).not.toBeNull();
  });

  it('lets the owner write anything', () => {
    const { copy, textOf, send } = answer();
    textOf(ada).insert(0, 'On ');
    textOf(ada).format(0, 2, { italic: {} });
    entryTitle(copy(ada)).insert(0, 'The ');
    entryBody(copy(ada)).insert(1, [new Y.XmlElement('paragraph')]);
    expect(send(ada)).toBeNull();
  });

  it('is the rule the relay uses for an answer room, made for its owner', () => {
    const registry = createDocumentRegistry([answerDocument]);
    const room = registry.parse(`journal-0001/answer-${ada}.2026-11-29`)!;
    const rule = ruleOf(room)!;
    const doc = new Y.Doc();
    const text = new Y.XmlText('x');
    entryBody(doc).insert(0, [text]);
    const verdicts: (string | null)[] = [];
    // Judged while the events are delivered, as the relay does.
    entryBody(doc).observeDeep((events) => verdicts.push(rule.check(events, doc, writer(ada)), rule.check(events, doc, writer(ben))));
    text.insert(0, 'y');
    expect(verdicts[0]).toBeNull();
    expect(verdicts[1]).toMatch(/words/);
  });
});

describe('a kind whose readers may format', () => {
  it('must be written by its owner and have no rule of its own', () => {
    expect(() => createDocumentRegistry([{ ...answerDocument, writtenBy: 'members' }])).toThrow(/owner-written/);
    expect(() => createDocumentRegistry([{ ...answerDocument, rule: answerReaderRule(ada) }])).toThrow(/owner-written/);
  });
});

describe('the key of an answer’s comments', () => {
  it('reads back as the answer it names, and never for an entry id', () => {
    const key = answerCommentsKey(ada, '2026-11-29');
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(parseAnswerCommentsKey(key)).toEqual({ ownerId: ada, day: '2026-11-29' });
    expect(parseAnswerCommentsKey('V1StGXR8_Z5jdHi6B-myT')).toBeNull();
    expect(parseAnswerCommentsKey('answer_2026-13-40_ada0000001')).toBeNull();
    expect(parseAnswerCommentsKey('answer_2026-11-29_short')).toBeNull();
  });
});
