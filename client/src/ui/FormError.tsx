/**
 * The server's explanation of what went wrong, next to the form. Always
 * rendered as an alert so a screen reader announces it as soon as it appears.
 */
export function FormError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p role="alert" id={id} className="form-error">
      {message}
    </p>
  );
}
