import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Group } from "../api-types";
import { Field } from "./field";

/**
 * Groups to tick (the groups a first look reaches, the groups an endpoint may carry), each with a short note after its
 * name, and a filter once there are more than eight (a ticked group stays in view whatever the filter). `children` end
 * the list (an endpoint's granted ids that are not among the groups).
 */
export function GroupChecklist({
  id,
  groups,
  value,
  onChange,
  filterLabel,
  note,
  listClass,
  children,
}: {
  id: string;
  groups: Pick<Group, "id" | "name" | "visibility" | "kind">[];
  value: string[];
  onChange: (ids: string[]) => void;
  filterLabel: string;
  note: (group: Pick<Group, "visibility" | "kind">) => string;
  listClass: string;
  children?: ComponentChildren;
}) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? groups.filter((g) => g.name.toLocaleLowerCase().includes(needle) || value.includes(g.id)) : groups;
  return (
    <>
      {groups.length > 8 ? (
        <Field id={`${id}-filter`} label={filterLabel}>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter filters; it does not send the form the list is in.
              if (e.key === "Enter") e.preventDefault();
            }}
          />
        </Field>
      ) : null}
      <ul class={listClass}>
        {shown.map((g) => (
          <li key={g.id}>
            <label class="check">
              <input
                type="checkbox"
                checked={value.includes(g.id)}
                onChange={(e) => onChange(e.currentTarget.checked ? (value.includes(g.id) ? value : [...value, g.id]) : value.filter((x) => x !== g.id))}
              />
              <span>
                {g.name} <span class="muted small">· {note(g)}</span>
              </span>
            </label>
          </li>
        ))}
        {children}
      </ul>
    </>
  );
}
