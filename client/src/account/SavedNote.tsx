/** A quiet word that a settings form worked; announced politely, unlike errors. */
export function SavedNote({ message }: { message: string | null }) {
  return (
    <p className="settings-saved" role="status">
      {message}
    </p>
  );
}
