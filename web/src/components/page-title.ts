import { useEffect } from "preact/hooks";

/** Names the browser tab after the screen. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Comptoir` : "Comptoir";
  }, [title]);
}
