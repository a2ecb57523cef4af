import { signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n";
import { keepTabInside } from "./focus-trap";

type Request = { title: string; body: string; confirmLabel: string; danger?: boolean; resolve: (ok: boolean) => void };

const pending = signal<Request | null>(null);

/** Asks before a destructive or far-reaching action; resolves true only on an explicit confirmation. */
export function confirmAction(options: Omit<Request, "resolve">): Promise<boolean> {
  pending.value?.resolve(false);
  return new Promise((resolve) => {
    pending.value = { ...options, resolve };
  });
}

/** The one dialog host, mounted once by the app. A native modal <dialog>: focus is trapped and Escape cancels. */
export function ConfirmDialogHost() {
  const ref = useRef<HTMLDialogElement>(null);
  const request = pending.value;

  useEffect(() => {
    const dialog = ref.current;
    if (request && dialog && !dialog.open) dialog.showModal();
  }, [request]);

  if (!request) return null;
  const settle = (ok: boolean) => {
    pending.value = null;
    ref.current?.close();
    request.resolve(ok);
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onKeyDown={(e) => keepTabInside(e, ref.current)}
      onCancel={(e) => {
        e.preventDefault();
        settle(false);
      }}
    >
      <h2 id="confirm-title" class="dialog-title">{request.title}</h2>
      <p id="confirm-body">{request.body}</p>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" autoFocus onClick={() => settle(false)}>
          {t("common.cancel")}
        </button>
        <button type="button" class={`btn ${request.danger ? "btn-danger" : "btn-primary"}`} onClick={() => settle(true)}>
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
