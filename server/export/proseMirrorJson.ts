import type * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { Schema } from '@tiptap/pm/model';
import { entrySchema } from '#shared/schema/entryContent.js';

/** A ProseMirror node as JSON: what the editor's schema makes (`doc`, `paragraph`, `text` with marks…). */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

let schema: Schema | null = null;

/**
 * An entry-shaped body as ProseMirror JSON, read with the editor's own schema
 * (shared/schema/entryContent.ts) through y-tiptap, exactly as the editor
 * would show it: a node the schema does not know is dropped, as it would be there.
 */
export function fragmentToJson(fragment: Y.XmlFragment): PmNode {
  schema ??= entrySchema();
  return yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON() as PmNode;
}

/** Photo ids a body shows, in order. */
export function photoIdsIn(node: PmNode, into: string[] = []): string[] {
  if (node.type === 'photo' && typeof node.attrs?.id === 'string') into.push(node.attrs.id);
  for (const child of node.content ?? []) photoIdsIn(child, into);
  return into;
}
