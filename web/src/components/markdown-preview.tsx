import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { t } from "../i18n";
import { errorText } from "../i18n/error-text";
import { SafeHtml } from "./safe-html";
import { Skeleton } from "./skeleton";

/**
 * The "Preview" tab of a markdown field: the text rendered by the server's one renderer (the one the saved post or bio
 * goes through), shown through SafeHtml as the saved text will be. Nothing is stored.
 */
export function MarkdownPreview({ text, of = "post", class: className }: { text: string; of?: "post" | "bio"; class?: string }) {
  const [state, setState] = useState<{ text: string; html?: string; error?: string } | null>(null);
  const wanted = text.trim();
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    api<{ html: string }>("/preview", { body: { body: text, of }, signal: controller.signal }).then(
      ({ html }) => setState({ text, html }),
      (err) => {
        if (!controller.signal.aborted) setState({ text, error: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [text, of]);
  if (!wanted) return <div class={className}><span class="muted">{t("edit.previewEmpty")}</span></div>;
  if (!state || state.text !== text) return <div class={className} aria-busy="true"><Skeleton lines={3} /></div>;
  if (state.error) return <div class={className}><p class="field-error" role="alert">{state.error}</p></div>;
  return <SafeHtml html={state.html ?? ""} class={className} />;
}
