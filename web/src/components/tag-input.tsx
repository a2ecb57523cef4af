import { useState } from "preact/hooks";
import { t } from "../i18n";
import { Icon } from "./icons";

/**
 * A list of short strings (skills, languages, hobbies) edited as tags: Enter or a comma adds what was typed, Backspace
 * in an empty box removes the last one, pasting "a, b, c" adds three, leaving the box adds what is pending.
 */
export function TagInput({ id, value, onChange, suggestions, describedBy }: { id: string; value: string[]; onChange: (next: string[]) => void; suggestions?: string[]; describedBy?: Record<string, string | undefined> }) {
  const [draft, setDraft] = useState("");

  const add = (text: string) => {
    const fresh = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const next = [...value];
    for (const tag of fresh) {
      if (!next.some((x) => x.toLowerCase() === tag.toLowerCase())) next.push(tag);
    }
    if (next.length !== value.length) onChange(next);
    setDraft("");
  };

  return (
    <div class="tag-input">
      {value.length > 0 ? (
        <ul class="tag-list" aria-label={t("tags.current")}>
          {value.map((tag) => (
            <li key={tag} class="badge badge-accent tag">
              <span>{tag}</span>
              <button type="button" class="tag-remove" aria-label={t("tags.remove", { tag })} onClick={() => onChange(value.filter((x) => x !== tag))}>
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        type="text"
        value={draft}
        list={suggestions?.length ? `${id}-suggestions` : undefined}
        autoComplete="off"
        placeholder={t("tags.placeholder")}
        {...describedBy}
        onInput={(e) => {
          const text = e.currentTarget.value;
          if (text.includes(",")) add(text);
          else setDraft(text);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && draft.trim()) {
            e.preventDefault();
            add(draft);
          } else if (e.key === "Backspace" && !draft && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => draft.trim() && add(draft)}
      />
      {suggestions?.length ? (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
