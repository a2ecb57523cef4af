import { signal } from "@preact/signals";
import { t } from "../i18n";
import { Icon } from "./icons";

type Toast = { id: number; text: string; tone: "success" | "error" | "info" };

const toasts = signal<Toast[]>([]);
let nextId = 1;

export function dismissToast(id: number) {
  toasts.value = toasts.value.filter((x) => x.id !== id);
}

/** Tells the member how an action went; errors stay longer. */
export function toast(text: string, tone: Toast["tone"] = "success") {
  const id = nextId++;
  toasts.value = [...toasts.value.slice(-3), { id, text, tone }];
  setTimeout(() => dismissToast(id), tone === "error" ? 10_000 : 5_000);
}

export function Toasts() {
  return (
    <div class="toasts" aria-live="polite" role="status">
      {toasts.value.map((x) => (
        <div key={x.id} class={`toast toast-${x.tone}`}>
          <span>{x.text}</span>
          <button type="button" class="btn btn-quiet btn-icon" onClick={() => dismissToast(x.id)} aria-label={t("common.dismiss")}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
