import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * The box a wide table scrolls sideways in (on a phone). While it does scroll, it takes the focus, so that the keyboard
 * can scroll it too (arrow keys; WCAG 2.1.1, axe's scrollable-region-focusable); while the table fits, it is no extra
 * stop for Tab. `label` names it for whoever lands on it.
 */
export function TableScroll({ children, label }: { children: ComponentChildren; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    check();
    if (typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(check);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} class="table-scroll" tabIndex={scrolls ? 0 : undefined} role={scrolls && label ? "region" : undefined} aria-label={scrolls ? label : undefined}>
      {children}
    </div>
  );
}
