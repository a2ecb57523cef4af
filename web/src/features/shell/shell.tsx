import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../components/icons";
import { t } from "../../i18n";
import { isAdmin } from "../../session";
import { AvatarMenu } from "./avatar-menu";
import { SIDEBAR, TABS, isActive } from "./nav-items";

function SearchBox() {
  const { route, path, query } = useLocation();
  const [text, setText] = useState(path === "/people" ? (query.q ?? "") : "");
  const inputRef = useRef<HTMLInputElement>(null);

  // "/" anywhere outside a text field jumps to the search box (DESIGN.md).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      inputRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form
      class="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const q = text.trim();
        route(q ? `/people?q=${encodeURIComponent(q)}` : "/people");
      }}
    >
      <Icon name="search" size={18} />
      <input
        ref={inputRef}
        id="global-search"
        type="search"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        placeholder={t("search.placeholder")}
        aria-label={t("search.label")}
        aria-keyshortcuts="/"
        enterKeyHint="search"
      />
    </form>
  );
}

/** The frame of every signed-in screen: sidebar (desktop), top bar, main column, bottom tabs (phone). */
export function Shell({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const items = SIDEBAR.filter((item) => !item.adminOnly || isAdmin.value);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <aside class="sidebar">
        <a class="brand" href="/">
          <span class="brand-mark" aria-hidden="true">C</span>
          <span class="brand-name">Comptoir</span>
        </a>
        <nav aria-label={t("nav.main")}>
          <ul class="nav-list">
            {items.map((item) => (
              <li key={item.href}>
                <a class="nav-link" href={item.href} aria-current={isActive(item, path) ? "page" : undefined}>
                  <Icon name={item.icon} />
                  <span>{t(item.label)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <header class="topbar">
        <a class="brand brand-compact" href="/" aria-label={t("nav.home")}>
          <span class="brand-mark" aria-hidden="true">C</span>
        </a>
        <SearchBox />
        <AvatarMenu />
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      <nav class="tabbar" aria-label={t("nav.tabs")}>
        {TABS.map((item) => (
          <a key={item.href} class="tab" href={item.href} aria-current={isActive(item, path) ? "page" : undefined}>
            <Icon name={item.icon} size={22} />
            <span>{t(item.label)}</span>
          </a>
        ))}
      </nav>
    </div>
  );
}
