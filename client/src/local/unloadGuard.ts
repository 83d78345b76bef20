/**
 * Asks before the tab closes (or reloads) while changes made here have not
 * been confirmed by the relay and are not already on their way. Nothing is
 * lost either way (they are on the device), but the partner will not see them
 * until Duet is opened again with a network, which is worth a question.
 */
export function installUnloadGuard(engine: { hasChangesAtRisk(): boolean }): void {
  window.addEventListener('beforeunload', (event) => {
    if (!engine.hasChangesAtRisk()) return;
    event.preventDefault();
    // Older browsers need a return value to show the prompt; the text is not shown.
    event.returnValue = '';
  });
}
