import { useEffect, useRef, useState } from "preact/hooks";
import { Avatar } from "../../components/avatar";
import { toast } from "../../components/toast";
import { LOCALES, languageName, locale, t, type Locale } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { changeLocale, me, signOut } from "../../session";

/** The avatar button of the top bar and its menu: my profile, settings, language, sign out. */
export function AvatarMenu() {
  const user = me.value;
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const items = () => [...(rootRef.current?.querySelectorAll<HTMLElement>("[role^=menuitem]") ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  if (!user) return null;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      list[(index + step + list.length) % list.length]?.focus();
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      list[e.key === "Home" ? 0 : list.length - 1]?.focus();
    } else if (e.key === "Tab") {
      close(false);
    }
  };

  const pickLanguage = (code: Locale) => {
    changeLocale(code).catch((err) => toast(errorText(err), "error"));
  };

  // The app returns to the sign-in page by itself once the session is gone.
  const leave = () => {
    close(false);
    signOut().catch((err) => toast(errorText(err), "error"));
  };

  return (
    <div class="menu-root" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        class="avatar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={t("menu.account", { name: user.name })}
        onClick={() => setOpen(!open)}
      >
        <Avatar member={user} size="sm" />
      </button>
      {open ? (
        <div id="account-menu" class="menu" role="menu" aria-label={t("menu.account", { name: user.name })}>
          <div class="menu-header" role="none">
            <strong>{user.name}</strong>
            <span class="muted small">{user.email}</span>
          </div>
          <a role="menuitem" class="menu-item" href={`/people/${encodeURIComponent(user.id)}`} onClick={() => close(false)}>
            {t("menu.profile")}
          </a>
          <a role="menuitem" class="menu-item" href="/settings" onClick={() => close(false)}>
            {t("menu.settings")}
          </a>
          <div class="menu-group" role="group" aria-label={t("settings.language")}>
            <span class="menu-label" aria-hidden="true">{t("settings.language")}</span>
            {LOCALES.map((code) => (
              <button key={code} type="button" role="menuitemradio" aria-checked={locale.value === code} class="menu-item" lang={code} onClick={() => pickLanguage(code)}>
                {languageName(code)}
              </button>
            ))}
          </div>
          <button type="button" role="menuitem" class="menu-item" onClick={leave}>
            {t("menu.signOut")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
