import { useState } from "preact/hooks";
import { t } from "../i18n";
import { Icon } from "./icons";
import { toast } from "./toast";

/** A read-only value (an invitation link) with a button that copies it. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without clipboard permission, select the text so the member can copy it themselves.
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.select();
      toast(t("copy.manual"), "info");
      return;
    }
    setCopied(true);
    toast(t("copy.done"));
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-field">
        <input id={id} type="text" value={value} readOnly onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-secondary" onClick={copy}>
          <Icon name={copied ? "check" : "copy"} size={16} />
          <span>{copied ? t("copy.copied") : t("copy.copy")}</span>
        </button>
      </div>
    </div>
  );
}
