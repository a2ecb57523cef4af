const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside a modal dialog: from its last control Tab goes round to its first, and Shift+Tab from its first to
 * its last. A native modal <dialog> makes the page behind it inert but lets Tab leave it for the browser's own controls
 * (and, with none, for the document itself); this keeps the focus where the member is working. For the dialog's
 * onKeyDown.
 */
export function keepTabInside(e: KeyboardEvent, dialog: HTMLElement | null) {
  // A control inside that took Tab for itself (a completion list accepting its choice) keeps it.
  if (e.key !== "Tab" || e.defaultPrevented || !dialog) return;
  const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  if (stops.length === 0) {
    e.preventDefault();
    return;
  }
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = document.activeElement;
  const inside = active instanceof Node && dialog.contains(active);
  if (e.shiftKey && (active === first || !inside)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !inside)) {
    e.preventDefault();
    first.focus();
  }
}
