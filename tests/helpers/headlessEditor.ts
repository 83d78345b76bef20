import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { ENTRY_BODY_FIELD } from '#shared/schema/entryContent.js';

type Meta = ReturnType<typeof initProseMirrorDoc>['meta'];

/**
 * What TipTap's Collaboration extension does, without a DOM: a ProseMirror
 * document kept in step with the entry's Y.XmlFragment, where each local
 * transaction is written to Yjs by y-tiptap's own `updateYFragment`, exactly
 * as the sync plugin writes an editor's changes.
 */
export class HeadlessEditor {
  doc!: PMNode;
  private meta!: Meta;
  readonly fragment: Y.XmlFragment;

  constructor(
    readonly ydoc: Y.Doc,
    readonly schema: Schema,
  ) {
    this.fragment = ydoc.getXmlFragment(ENTRY_BODY_FIELD);
    this.reload();
    // A remote change replaces our view of the document, as the sync plugin's re-render does.
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.reload();
    });
  }

  private reload(): void {
    const { doc, meta } = initProseMirrorDoc(this.fragment, this.schema);
    // An empty fragment shows as one empty paragraph, which is written on the first edit.
    this.doc = doc.childCount > 0 ? doc : this.schema.topNodeType.createAndFill()!;
    this.meta = meta;
  }

  /** Runs `edit` on the current state; a transaction that changes the document is written to Yjs. */
  apply(edit: (state: EditorState) => Transaction | null): boolean {
    const state = EditorState.create({ doc: this.doc, schema: this.schema });
    const tr = edit(state);
    if (!tr || !tr.docChanged) return false;
    this.ydoc.transact(() => updateYFragment(this.ydoc, this.fragment, tr.doc, this.meta), this);
    this.doc = tr.doc;
    return true;
  }
}
