import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { isAbort } from "../api";
import type { Page } from "../api-types";
import { t } from "../i18n";
import { errorText } from "../i18n/error-text";
import { me } from "../session";

export type Paged<T> =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: T[]; nextCursor: string | null; more: "idle" | "loading" | { error: string } };

/**
 * What each list showed, by history entry and list (the session's last 30): going Back to a list shows the same items
 * (those "Load more" brought too) where the reader left them, without asking the server again. A list marks its
 * history entry with an id of its own; a new visit is a new entry (the router pushes it without one), so it starts
 * afresh at the top. The page restores the scroll itself: the browser would do it before the list is drawn.
 */
// Keyed by member too: after a sign-out, what the last one saw is never shown to the next (and soon pushed out).
const kept = new Map<string, { s: Paged<any>; f: unknown; y: number }>();
if (typeof history !== "undefined") history.scrollRestoration = "manual";
const entryKey = (key: string) => {
  let id = history.state?.list;
  if (!id) history.replaceState({ list: (id = crypto.randomUUID()) }, "");
  return id + me.peek()?.id + key;
};

/**
 * A keyset-paginated list (API.md "Conventions"): the first page when `key` changes, then "Load more". `fetchPage`
 * is called with the cursor (null first) and an abort signal. `extra` receives the whole first answer (for lists
 * whose answer carries more than items, like the feed). Back on a list: as it was left (`kept` above).
 */
export function usePaged<T, P extends Page<T> = Page<T>>(key: string, fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>, extra?: (first: P) => void) {
  const ck = entryKey(key);
  const [state, setState] = useState<Paged<T>>(() => kept.get(ck)?.s ?? { status: "loading" });
  /** Whether the list opened as it was left (Back): drawn whole at once, so that its place is restored exactly. */
  const [restored] = useState(() => kept.has(ck));
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(fetchPage);
  latest.current = fetchPage;
  const onFirst = useRef(extra);
  onFirst.current = extra;
  const generation = useRef(0);
  const shownKey = useRef<string | null>(null);

  // What is on screen, and where the reader is, for a Back to this list (not while a restore waits for its frame).
  const restoring = useRef(false);
  const entry = useRef(ck);
  entry.current = ck;
  const mine = kept.get(ck);
  if (mine && state.status === "ready" && shownKey.current === key) mine.s = state;
  useEffect(() => {
    const onScroll = () => {
      // Only while this list's history entry is the current one: a scroll once the reader has moved on (the next page
      // scrolling to its top, the browser clamping the scroll as this one empties, this list still mounted) is not
      // their place here. It was kept right before only because a word part arriving with the next page redrew the
      // list, which moved it to the new entry's key; t() no longer redraws for words it already had.
      if (!entry.current.startsWith(history.state?.list ?? "\0")) return;
      const k = kept.get(entry.current);
      if (k && !restoring.current) k.y = scrollY;
    };
    addEventListener("scroll", onScroll, { passive: true });
    return () => removeEventListener("scroll", onScroll);
  }, []);

  useLayoutEffect(() => {
    const ctl = new AbortController();
    const gen = ++generation.current;
    const back = attempt ? undefined : kept.get(ck);
    const other = shownKey.current !== key;
    shownKey.current = key;
    if (back) {
      onFirst.current?.(back.f as P);
      setState({ ...back.s, more: "idle" } as Paged<T>);
      // After the page around the list is drawn again (what `extra` brought), before it is painted; and again once the
      // frame's ResizeObservers have run (a long post's fold is measured there, post-card.tsx): the place was kept
      // with the long posts folded. Observers are called in the order they were made, so this one comes after the folds.
      restoring.current = true;
      requestAnimationFrame(() => {
        scrollTo(0, back.y);
        const folded = new ResizeObserver(() => {
          folded.disconnect();
          scrollTo(0, back.y);
          restoring.current = false;
        });
        folded.observe(document.body);
      });
      return;
    }
    // A reload keeps the list on screen until the fresh page arrives; another list starts from a skeleton.
    setState((s) => (other || s.status === "error" ? { status: "loading" } : s));
    latest.current(null, ctl.signal).then(
      (page) => {
        if (gen !== generation.current) return;
        onFirst.current?.(page);
        const ready: Paged<T> = { status: "ready", items: page.items, nextCursor: page.nextCursor, more: "idle" };
        kept.set(entry.current, { s: ready, f: page, y: scrollY });
        if (kept.size > 30) kept.delete(kept.keys().next().value!);
        setState(ready);
      },
      (err) => {
        if (!isAbort(err) && gen === generation.current) setState({ status: "error", message: errorText(err) });
      },
    );
    return () => ctl.abort();
  }, [key, attempt]);

  const loadMore = async () => {
    if (state.status !== "ready" || !state.nextCursor || state.more === "loading") return;
    const gen = generation.current;
    const cursor = state.nextCursor;
    setState({ ...state, more: "loading" });
    try {
      const page = await latest.current(cursor, new AbortController().signal);
      if (gen !== generation.current) return;
      setState((s) => {
        if (s.status !== "ready") return s;
        const seen = new Set(s.items.map((x) => (x as { id?: string }).id));
        const fresh = page.items.filter((x) => !seen.has((x as { id?: string }).id));
        return { status: "ready", items: [...s.items, ...fresh], nextCursor: page.nextCursor, more: "idle" };
      });
    } catch (err) {
      if (gen === generation.current) setState((s) => (s.status === "ready" ? { ...s, more: { error: errorText(err) } } : s));
    }
  };

  /** Refetches the first page; the current items stay on screen until it arrives. */
  const reload = () => setAttempt((n) => n + 1);
  /** Changes the items in place (optimistic updates, live insertions). */
  const update = (fn: (items: T[]) => T[]) => setState((s) => (s.status === "ready" ? { ...s, items: fn(s.items) } : s));
  return { state, loadMore, reload, update, restored };
}

/** "Load more", loading by itself when it scrolls into view; its error is shown beside it. */
export function LoadMore({ state, onLoad, label }: { state: Paged<unknown>; onLoad: () => void; label?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const load = useRef(onLoad);
  load.current = onLoad;
  const ready = state.status === "ready" && !!state.nextCursor;
  const failed = state.status === "ready" && typeof state.more === "object";
  useEffect(() => {
    const button = ref.current;
    if (!ready || failed || !button || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) load.current();
    }, { rootMargin: "200px" });
    observer.observe(button);
    return () => observer.disconnect();
  }, [ready, failed]);
  if (state.status !== "ready" || !state.nextCursor) return null;
  return (
    <div class="load-more">
      {typeof state.more === "object" ? (
        <p class="field-error" role="alert">
          {state.more.error}
        </p>
      ) : null}
      <button ref={ref} type="button" class="btn btn-secondary" onClick={onLoad} disabled={state.more === "loading"}>
        {state.more === "loading" ? t("common.loading") : (label ?? t("common.loadMore"))}
      </button>
    </div>
  );
}
