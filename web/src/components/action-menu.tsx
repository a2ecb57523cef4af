import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./icons";

export type MenuAction = { id: string; label: string; run: () => void; danger?: boolean };

/** A "⋯" button opening a short menu of actions; arrow keys move, Escape closes and gives focus back. */
export function ActionMenu({ label, actions }: { label: string; actions: MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = () => [...(root.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  if (actions.length === 0) return null;
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      list[(index + (e.key === "ArrowDown" ? 1 : -1) + list.length) % list.length]?.focus();
    } else if (e.key === "Tab") {
      close(false);
    }
  };
  return (
    <div class="menu-root action-menu" ref={root} onKeyDown={onKeyDown}>
      <button ref={button} type="button" class="btn btn-quiet btn-icon" aria-haspopup="menu" aria-expanded={open} aria-label={label} onClick={() => setOpen(!open)}>
        <Icon name="more" size={22} />
      </button>
      {open ? (
        <div class="menu" role="menu" aria-label={label}>
          {actions.map((a) => (
            <button
              key={a.id}
              type="button"
              role="menuitem"
              class={a.danger ? "menu-item menu-item-danger" : "menu-item"}
              onClick={() => {
                close(true);
                a.run();
              }}
            >
              {a.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
