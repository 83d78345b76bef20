/**
 * Finding stored documents by name, for the server's own work on whole accounts (deleting one
 * finds its drafts). Not part of DocStore: the relay never lists documents.
 */
export interface DocCatalog {
  /** The names of every stored document whose name starts with `prefix`, in order. */
  listDocs(prefix: string): Promise<string[]>;
}
