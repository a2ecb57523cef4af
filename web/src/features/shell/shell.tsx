import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../components/icons";
import { t } from "../../i18n";
import { formatClock, formatDateTime, readerTimeZone } from "../../i18n/format";
import { offlineSince } from "../../offline";
import { startUserLive, stopUserLive, unreadNotifications } from "../../live/user-live";
import { isAdmin, me } from "../../session";
import { brandStyle, loadNetwork, network } from "../../network";
import { CoffeeNavCount } from "../coffee/nav-count";
import { AvatarMenu } from "./avatar-menu";
import { SIDEBAR, TABS, isActive } from "./nav-items";

function SearchBox() {
  const { route, path, query } = useLocation();
  const [text, setText] = useState(path === "/search" ? (query.q ?? "") : "");
  const inputRef = useRef<HTMLInputElement>(null);
  const searched = path === "/search" ? (query.q ?? "") : null;

  // The search screen's own box and links change the query: the top bar follows.
  useEffect(() => {
    if (searched !== null) setText(searched);
  }, [searched]);

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
        route(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
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

/**
 * The bell: unread notifications, kept current by my user room. When the count goes up while the member is here, a
 * polite live region beside it says so (a link's changed name is not announced), without moving the focus.
 */
function Bell() {
  const { path } = useLocation();
  const known = unreadNotifications.value;
  const count = known ?? 0;
  const previous = useRef<number | null>(known);
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    if (known !== null && previous.current !== null && known > previous.current) setAnnounced(t("bell.unread", { count: known }));
    else if (!known) setAnnounced("");
    previous.current = known;
  }, [known]);
  return (
    <>
      <span class="visually-hidden" role="status" aria-live="polite" data-testid="bell-live">
        {announced}
      </span>
      <BellLink path={path} count={count} />
    </>
  );
}

function BellLink({ path, count }: { path: string; count: number }) {
  return (
    <a
      class="bell"
      href="/notifications"
      aria-current={path === "/notifications" ? "page" : undefined}
      aria-label={count ? t("bell.unread", { count }) : t("nav.notifications")}
    >
      <Icon name="bell" size={22} />
      {count ? (
        <span class="bell-badge" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </a>
  );
}

/** The network's logo, or its initial on its colour. */
function BrandMark() {
  const n = network.value;
  if (n?.logoUrl) return <img class="brand-logo" src={n.logoUrl} alt="" width={32} height={32} />;
  return (
    <span class="brand-mark" aria-hidden="true" style={brandStyle()}>
      {(n?.name ?? "C").trim().charAt(0).toUpperCase() || "C"}
    </span>
  );
}

/** The frame of every signed-in screen: sidebar (desktop), top bar, main column, bottom tabs (phone). */
export function Shell({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  const items = SIDEBAR.filter((item) => !item.adminOnly || isAdmin.value);
  const userId = me.value?.id;
  useEffect(() => {
    if (!network.value) void loadNetwork();
  }, []);
  useEffect(() => {
    if (!userId) return;
    startUserLive(userId);
    return stopUserLive;
  }, [userId]);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <aside class="sidebar">
        <a class="brand" href="/">
          <BrandMark />
          <span class="brand-name" data-testid="network-name">{network.value?.name ?? "Comptoir"}</span>
        </a>
        <nav aria-label={t("nav.main")}>
          <ul class="nav-list">
            {items.map((item) => (
              <li key={item.href}>
                <a class="nav-link" href={item.href} aria-current={isActive(item, path) ? "page" : undefined}>
                  <Icon name={item.icon} />
                  <span>{t(item.label)}</span>
                  {item.href === "/coffee" ? <CoffeeNavCount /> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <header class="topbar">
        <a class="brand brand-compact" href="/" aria-label={`${network.value?.name ?? "Comptoir"} · ${t("nav.home")}`}>
          <BrandMark />
        </a>
        <SearchBox />
        <Bell />
        <AvatarMenu />
      </header>
      <main id="main" class="main" tabIndex={-1}>
        <OfflineBanner />
        {children}
      </main>
      <nav class="tabbar" aria-label={t("nav.tabs")}>
        {TABS.map((item) => (
          <a key={item.href} class="tab" href={item.href} aria-current={isActive(item, path) ? "page" : undefined}>
            <Icon name={item.icon} size={22} />
            <span>{t(item.label)}</span>
            {item.href === "/coffee" ? <CoffeeNavCount /> : null}
          </a>
        ))}
      </nav>
    </div>
  );
}

/** While the network cannot be reached: what the page shows is what the member saw, and when. */
function OfflineBanner() {
  const since = offlineSince.value;
  if (since === null) return null;
  const sameDay = new Date(since).toDateString() === new Date().toDateString();
  const time = sameDay ? formatClock(since, readerTimeZone.value) : formatDateTime(since);
  return (
    <p class="offline-banner" role="status">
      {t("offline.banner", { time })}
    </p>
  );
}
