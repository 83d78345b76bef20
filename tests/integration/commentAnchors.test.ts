import type { Node as PMNode } from '@tiptap/pm/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findAnchors } from '#shared/schema/commentMark.js';
import { entryRoom } from '#shared/documents/entry.js';
import { ENTRY_BODY_FIELD, entrySchema } from '#shared/schema/entryContent.js';
import { pairedCouple } from '../helpers/apiClient.js';
import { type CollabClient, connectClient, waitForDoc, waitForDocs } from '../helpers/collabClient.js';
import { HeadlessEditor } from '../helpers/headlessEditor.js';
import { type TestServer, startTestServer } from '../helpers/testServer.js';

const schema = entrySchema();
const SENTENCE = 'We reached the shore at dawn. The lake was cold that morning. Then we ate.';

/** Document positions of the first `phrase` inside one text block, `nth` occurrence from 0. */
function rangeOf(doc: PMNode, phrase: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found || !node.isTextblock) return !found;
    const at = node.textContent.indexOf(phrase);
    if (at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + phrase.length };
    return false;
  });
  if (!found) throw new Error(`phrase not found: ${phrase}`);
  return found;
}

function comment(editor: HeadlessEditor, phrase: string, threadId: string) {
  editor.apply((state) => {
    const { from, to } = rangeOf(state.doc, phrase);
    return state.tr.addMark(from, to, schema.marks.comment.create({ threadId }));
  });
}

/** Types `text` just before `before`, as a person would with the caret there. */
function typeBefore(editor: HeadlessEditor, before: string, text: string) {
  editor.apply((state) => state.tr.insertText(text, rangeOf(state.doc, before).from));
}

const phrases = (editor: HeadlessEditor) => Object.fromEntries(findAnchors(editor.doc).map((a) => [a.threadId, a.text]));

describe('comment anchors between two partners', () => {
  let server: TestServer;
  let ada: CollabClient;
  let ben: CollabClient;
  let adaEditor: HeadlessEditor;
  let benEditor: HeadlessEditor;
  const same = () => ada.doc.getXmlFragment(ENTRY_BODY_FIELD).toJSON() === ben.doc.getXmlFragment(ENTRY_BODY_FIELD).toJSON();

  beforeEach(async () => {
    server = await startTestServer();
    const couple = await pairedCouple(server.url);
    const room = entryRoom(couple.journalId, 'anchors001');
    ada = connectClient(server.wsUrl, room, couple.a.cookie);
    ben = connectClient(server.wsUrl, room, couple.b.cookie);
    await Promise.all([ada.synced, ben.synced]);
    adaEditor = new HeadlessEditor(ada.doc, schema);
    adaEditor.apply((state) => state.tr.replaceWith(0, state.doc.content.size, schema.nodes.paragraph.create(null, schema.text(SENTENCE))));
    await waitForDoc(ben.doc, (d) => d.getXmlFragment(ENTRY_BODY_FIELD).length === 1);
    benEditor = new HeadlessEditor(ben.doc, schema);
  });
  afterEach(async () => {
    ada.destroy();
    ben.destroy();
    await server.cleanup();
  });

  it('keep overlapping phrases each with their own extent through concurrent edits inside, around and between them', async () => {
    // Both offline, so every change below is truly concurrent.
    ada.provider.disconnect();
    ben.provider.disconnect();
    comment(benEditor, 'lake was cold', 'ben-thread1');
    comment(adaEditor, 'cold that morning', 'ada-thread1');
    // Ada types inside Ben's phrase (which she has not seen yet) and before everything.
    typeBefore(adaEditor, 'cold that', 'very ');
    typeBefore(adaEditor, 'We reached', 'At last. ');
    // Ben types inside Ada's phrase (which he has not seen) and right after his own.
    typeBefore(benEditor, 'morning', 'early ');
    typeBefore(benEditor, ' that', '!');
    ada.provider.connect();
    ben.provider.connect();
    await waitForDocs([ada.doc, ben.doc], same);

    const expected = {
      // Ada's "very " landed inside Ben's phrase; Ben's "!" at its end is outside (the mark does not stretch).
      'ben-thread1': 'lake was very cold',
      // Ben's "early " landed inside Ada's phrase; her "very " just before it is not part of it.
      'ada-thread1': 'cold! that early morning',
    };
    expect(adaEditor.doc.textContent).toBe('At last. We reached the shore at dawn. The lake was very cold! that early morning. Then we ate.');
    expect(phrases(adaEditor)).toEqual(expected);
    expect(phrases(benEditor)).toEqual(expected);
  });

  it('follow a phrase through a split and a join of its paragraph', async () => {
    comment(benEditor, 'lake was cold that', 'ben-thread2');
    await waitForDoc(ada.doc, () => phrases(adaEditor)['ben-thread2'] !== undefined);
    adaEditor.apply((state) => state.tr.split(rangeOf(state.doc, 'cold that').from));
    await waitForDocs([ada.doc, ben.doc], same);
    expect(benEditor.doc.childCount).toBe(2);
    expect(phrases(benEditor)).toEqual({ 'ben-thread2': 'lake was cold that' });
    expect(rangeOf(benEditor.doc, 'cold that').from).toBeGreaterThan(benEditor.doc.child(0).nodeSize);
    // Join again (Backspace at the start of the second paragraph).
    adaEditor.apply((state) => state.tr.join(state.doc.child(0).nodeSize));
    await waitForDocs([ada.doc, ben.doc], same);
    expect(benEditor.doc.childCount).toBe(1);
    expect(phrases(benEditor)).toEqual({ 'ben-thread2': 'lake was cold that' });
  });

  it('lose the phrase with its sentence and get it back when the deletion is undone', async () => {
    comment(benEditor, 'lake was cold', 'ben-thread3');
    await waitForDoc(ada.doc, () => phrases(adaEditor)['ben-thread3'] !== undefined);
    // Ada's own edits are what her undo manager tracks (as in the editor, where the partner's mark is not hers to undo).
    const undo = new Y.UndoManager(ada.doc.getXmlFragment(ENTRY_BODY_FIELD), { trackedOrigins: new Set([adaEditor]) });
    adaEditor.apply((state) => {
      const { from, to } = rangeOf(state.doc, 'The lake was cold that morning. ');
      return state.tr.delete(from, to);
    });
    await waitForDocs([ada.doc, ben.doc], same);
    expect(phrases(benEditor)).toEqual({});
    undo.undo();
    await waitForDocs([ada.doc, ben.doc], same);
    expect(benEditor.doc.textContent).toBe(SENTENCE);
    expect(phrases(benEditor)).toEqual({ 'ben-thread3': 'lake was cold' });
    expect(phrases(adaEditor)).toEqual({ 'ben-thread3': 'lake was cold' });
  });
});
