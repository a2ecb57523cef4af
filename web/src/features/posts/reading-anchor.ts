import { useLayoutEffect, useRef } from "preact/hooks";

type Anchor = { id: string; top: number };

/**
 * Keeps what the reader is reading in place while items are inserted above it (DESIGN.md "Behaviour"): `capture()`
 * remembers the first item visible below the top bar (items carry `data-anchor`), and after the next render the page
 * scrolls by however far that item moved. At the very top of the page nothing is kept: the new items simply show.
 */
export function useReadingAnchor() {
  const list = useRef<HTMLUListElement>(null);
  const anchor = useRef<Anchor | null>(null);
  useLayoutEffect(() => {
    const a = anchor.current;
    if (!a) return;
    anchor.current = null;
    const el = list.current?.querySelector<HTMLElement>(`[data-anchor="${CSS.escape(a.id)}"]`);
    if (el) window.scrollBy(0, el.getBoundingClientRect().top - a.top);
  });
  const capture = () => {
    anchor.current = null;
    if (!list.current || window.scrollY < 8) return;
    const topbar = document.querySelector(".topbar")?.getBoundingClientRect().bottom ?? 0;
    for (const el of list.current.querySelectorAll<HTMLElement>("[data-anchor]")) {
      const box = el.getBoundingClientRect();
      if (box.bottom > topbar) {
        anchor.current = { id: el.dataset.anchor!, top: box.top };
        return;
      }
    }
  };
  return { list, capture };
}

/** New items from a fresh first page on top of the current list; when the two do not meet, the fresh page alone. */
export function mergeOnTop<T extends { id: string }>(current: T[], firstPage: T[]): { items: T[]; added: number } {
  const known = new Set(current.map((i) => i.id));
  const added = firstPage.filter((i) => !known.has(i.id));
  if (added.length === firstPage.length && current.length) return { items: firstPage, added: added.length };
  const fresh = new Map(firstPage.map((i) => [i.id, i]));
  return { items: [...added, ...current.map((i) => fresh.get(i.id) ?? i)], added: added.length };
}
