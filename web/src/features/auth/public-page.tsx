import type { ComponentChildren } from "preact";
import { LanguageSwitch } from "../../components/language-switch";

/** The frame of the screens seen before signing in: the brand, the language switch, one centred card. */
export function PublicPage({ children, wide }: { children: ComponentChildren; wide?: boolean }) {
  return (
    <div class="auth-page">
      <header class="auth-header">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">C</span>
          <span class="brand-name">Comptoir</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" class={`card auth-card${wide ? " auth-card-wide" : ""}`}>
        {children}
      </main>
    </div>
  );
}
