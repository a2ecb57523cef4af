/** Sections of one screen as links, so each one has its own shareable address. */
export function Tabs({ label, items, current }: { label: string; items: { href: string; label: string; id: string }[]; current: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      {items.map((item) => (
        <a key={item.id} class="tab-link" href={item.href} aria-current={item.id === current ? "page" : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}
