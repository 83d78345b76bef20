/**
 * The rule, said plainly before anyone joins (the invitation) and before
 * anyone leaves: partners are equals, and leaving takes your words with you.
 */
export function LeavingRule() {
  return (
    <p className="muted small leaving-rule" data-testid="leaving-rule">
      You'll be equals: either of you can invite, leave, or ask the other to leave. Whoever leaves, or is removed, gets a
      download of the whole journal as it is that day, kept in their account for 30 days. The one who stays keeps the journal.
    </p>
  );
}
