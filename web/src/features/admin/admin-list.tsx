import type { ComponentChildren, VNode } from "preact";
import { useState } from "preact/hooks";
import type { Page } from "../../api-types";
import { EmptyState } from "../../components/empty-state";
import { LoadMore, usePaged } from "../../components/paged-list";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { TableScroll } from "../../components/table-scroll";

type IconName = Parameters<typeof EmptyState>[0]["icon"];

/** One field of a list's filter bar, bound to one string of the filters. */
export type FilterField<F> = {
  key: keyof F & string;
  id: string;
  label: string;
  hint?: string;
  placeholder?: string;
  maxLength?: number;
  /** A free text (`text`, `search`), a day (`date`), or one of `options` (the first: any). */
  type?: "text" | "search" | "date";
  options?: { value: string; label: string }[];
};

/** A column of the table: its header (hidden visually when `hiddenLabel`). */
export type Column = { label: string; hiddenLabel?: boolean };

/**
 * An administration list (members, groups, the audit logs): a card with its title, a filter bar applied on submit (none
 * without `fields`), then
 * the first page, a skeleton while it loads, the error with "Retry", an empty state, the table and "Load more". The
 * filters are strings; `load` turns them into the route's query. `row` renders one item and may replace it in place.
 */
export function AdminList<T extends { id: string }, F extends Record<string, string>>(props: {
  /** The list's id: the title's id is `<id>-title`, and the list reloads when the filters change. */
  id: string;
  title: string;
  initial: F;
  fields: FilterField<F>[];
  /** More buttons or links of the filter bar, after "Apply" (the audit log's CSV download), from the applied filters. */
  actions?: (applied: F) => ComponentChildren;
  load: (applied: F, cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;
  empty: { icon: IconName; title: string };
  columns: Column[];
  row: (item: T, replace: (next: T) => void) => VNode;
  /** A key per row that changes when the row must be drawn again from its item (defaults to the id). */
  rowKey?: (item: T) => string;
}) {
  const [draft, setDraft] = useState<F>(props.initial);
  const [applied, setApplied] = useState<F>(props.initial);
  const list = usePaged<T>(`${props.id}:${JSON.stringify(applied)}`, (cursor, signal) => props.load(applied, cursor, signal));
  const set = (key: keyof F, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const replace = (next: T) => list.update((items) => items.map((i) => (i.id === next.id ? next : i)));
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.fields.length ? (
        <form
          class="form console-filters"
          role="search"
          aria-labelledby={`${props.id}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(draft);
          }}
        >
          {props.fields.map((f) => (
            <div class="field" key={f.id}>
              <label for={f.id}>{f.label}</label>
              {f.options ? (
                <select id={f.id} value={draft[f.key]} onChange={(e) => set(f.key, e.currentTarget.value)}>
                  {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input
                  {...({ type: f.type ?? "text" } as { type: "text" })}
                  id={f.id}
                  value={draft[f.key]}
                  maxLength={f.maxLength}
                  placeholder={f.placeholder}
                  aria-describedby={f.hint ? `${f.id}-hint` : undefined}
                  onInput={(e) => set(f.key, e.currentTarget.value)}
                />
              )}
              {f.hint ? <p id={`${f.id}-hint`} class="field-hint">{f.hint}</p> : null}
            </div>
          ))}
          <button type="submit" class="btn btn-primary">{t("console.apply")}</button>
          {props.actions?.(applied)}
        </form>
      ) : null}
      {list.state.status === "loading" ? (
        <Skeleton lines={5} />
      ) : list.state.status === "error" ? (
        <EmptyState role="alert" title={list.state.message} action={<button type="button" class="btn btn-secondary" onClick={list.reload}>{t("common.retry")}</button>} />
      ) : list.state.items.length === 0 ? (
        <EmptyState icon={props.empty.icon} title={props.empty.title} />
      ) : (
        <TableScroll>
          <table class="table">
            <thead>
              <tr>
                {props.columns.map((c, i) => <th key={i} scope="col">{c.hiddenLabel ? <span class="visually-hidden">{c.label}</span> : c.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {list.state.items.map((item) => (
                <RowOf key={props.rowKey?.(item) ?? item.id} render={() => props.row(item, replace)} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <LoadMore state={list.state} onLoad={list.loadMore} />
    </section>
  );
}

/** A row as its own component, so that `rowKey` decides when it starts afresh (a row holding state, like a member's). */
function RowOf({ render }: { render: () => VNode }) {
  return render();
}
