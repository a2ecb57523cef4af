import { useEffect, useRef, useState } from "preact/hooks";
import { api, isAbort } from "../../api";
import type { Page, Profile } from "../../api-types";
import { Avatar } from "../../components/avatar";
import { t } from "../../i18n";

type Props = {
  id: string;
  value: string;
  onValue: (next: string) => void;
  rows?: number;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  onTyping?: () => void;
  label?: string;
};

/** The `@prefix` being typed just before the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; prefix: string } | null {
  const match = /(^|[^\w@.])@([a-z0-9._-]{1,30})$/i.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, prefix: match[2] } : null;
}

/**
 * A markdown textarea that completes @mentions: typing `@lea` lists up to five colleagues (GET /api/v1/users?q=),
 * arrows choose, Enter or Tab inserts `@handle`, Escape closes. The textarea points at the listbox and its active option.
 */
export function MentionTextarea({ id, value, onValue, rows = 4, placeholder, describedBy, invalid, required, onSubmit, onTyping, label }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; prefix: string } | null>(null);
  const [people, setPeople] = useState<Profile[]>([]);
  const [active, setActive] = useState(0);
  const listId = `${id}-mentions`;

  useEffect(() => {
    if (!query) {
      setPeople([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api<Page<Profile>>("/users", { query: { q: query.prefix, limit: 5 }, signal: ctl.signal }).then(
        (page) => {
          setPeople(page.items);
          setActive(0);
        },
        (err) => {
          if (!isAbort(err)) setPeople([]);
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query?.prefix, query?.start]);

  const open = query !== null && people.length > 0;

  const pick = (person: Profile) => {
    const area = ref.current;
    if (!area || !query) return;
    const caret = area.selectionStart ?? value.length;
    const insert = `@${person.handle} `;
    const next = value.slice(0, query.start) + insert + value.slice(caret);
    onValue(next);
    setQuery(null);
    const at = query.start + insert.length;
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(at, at);
    });
  };

  const track = (area: HTMLTextAreaElement) => setQuery(mentionAt(area.value, area.selectionStart ?? area.value.length));

  return (
    <div class="mention-box">
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        value={value}
        placeholder={placeholder}
        required={required}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid ? "true" : undefined}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onInput={(e) => {
          onValue(e.currentTarget.value);
          track(e.currentTarget);
          onTyping?.();
        }}
        onClick={(e) => track(e.currentTarget)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (open) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setActive((active + (e.key === "ArrowDown" ? 1 : -1) + people.length) % people.length);
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              pick(people[active]);
              return;
            }
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              setQuery(null);
              return;
            }
          }
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && onSubmit) {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
      {open ? (
        <ul id={listId} class="mention-list" role="listbox" aria-label={t("composer.mentionList")}>
          {people.map((person, i) => (
            <li
              key={person.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class="mention-option"
              onPointerDown={(e) => {
                e.preventDefault();
                pick(person);
              }}
            >
              <Avatar member={person} size="sm" />
              <span class="mention-name">{person.name}</span>
              <span class="muted small">@{person.handle}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
