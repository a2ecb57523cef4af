import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { keepTabInside } from "./focus-trap";
import { Icon } from "./icons";

/**
 * A modal dialog (native <dialog>: the page behind is inert, Escape closes, the focus goes back to what opened it; Tab
 * goes round inside it) for forms such as "New group" or "Report".
 */
export function Modal({ id, title, onClose, children, wide }: { id: string; title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closing = useRef(onClose);
  closing.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => keepTabInside(e, ref.current)}
      onCancel={(e) => {
        e.preventDefault();
        closing.current();
      }}
    >
      <div class="dialog-head">
        <h2 id={`${id}-title`} class="dialog-title">
          {title}
        </h2>
        <button type="button" class="btn btn-quiet btn-icon" aria-label={t("common.close")} onClick={() => closing.current()}>
          <Icon name="close" size={18} />
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** The end of a dialog's form: the form-wide error, then Cancel and the submit button (its label while busy: "Saving…"). */
export function DialogFooter({ error, busy, submitLabel, onCancel }: { error?: string; busy: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      {error ? (
        <p class="alert alert-danger" role="alert">
          {error}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("common.saving") : submitLabel}
        </button>
      </div>
    </>
  );
}
