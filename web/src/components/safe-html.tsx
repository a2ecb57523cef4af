import { useLayoutEffect, useRef } from "preact/hooks";

/**
 * HTML rendered from markdown and sanitised by the server at write time (ARCHITECTURE.md "Data"): the only HTML the
 * client ever inserts. It is parsed in an inert document first (nothing loads or runs there), then:
 * - images from another origin become links, since the Content-Security-Policy would block them anyway;
 * - links to other sites open in a new tab, without a referrer or an opener.
 */
export function SafeHtml({ html, class: className }: { html: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html");
    for (const img of [...doc.body.querySelectorAll("img")]) {
      const src = img.getAttribute("src") ?? "";
      if (sameOrigin(src)) {
        img.setAttribute("loading", "lazy");
        img.setAttribute("decoding", "async");
        continue;
      }
      const link = doc.createElement("a");
      if (/^https?:/i.test(src)) {
        link.setAttribute("href", src);
        link.setAttribute("rel", "nofollow ugc noopener noreferrer");
        link.setAttribute("target", "_blank");
      }
      link.textContent = img.getAttribute("alt") || src;
      img.replaceWith(link);
    }
    for (const a of [...doc.body.querySelectorAll("a[href]")]) {
      if (!sameOrigin(a.getAttribute("href") ?? "")) {
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "nofollow ugc noopener noreferrer");
      }
    }
    host.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  }, [html]);
  return <div ref={ref} class={className ? `prose ${className}` : "prose"} />;
}

function sameOrigin(url: string): boolean {
  if (!url) return false;
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
