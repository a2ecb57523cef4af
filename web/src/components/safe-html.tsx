import { useLayoutEffect, useRef } from "preact/hooks";

/**
 * HTML rendered from markdown and sanitised by the server at write time (ARCHITECTURE.md "Data"): the only HTML the
 * client ever inserts. It is parsed in a template first (its content is inert: nothing loads or runs there; cheaper than
 * a document per call, which a feed of 20 posts paid 20 times), then:
 * - images from another origin become links, since the Content-Security-Policy would block them anyway;
 * - links to other sites open in a new tab, without a referrer or an opener.
 */
export function SafeHtml({ html, class: className }: { html: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    const template = document.createElement("template");
    template.innerHTML = html;
    const doc = template.content;
    for (const img of [...doc.querySelectorAll("img")]) {
      const src = img.getAttribute("src") ?? "";
      if (sameOrigin(src)) {
        img.setAttribute("loading", "lazy");
        img.setAttribute("decoding", "async");
        continue;
      }
      const link = document.createElement("a");
      if (/^https?:/i.test(src)) {
        link.setAttribute("href", src);
        link.setAttribute("rel", "nofollow ugc noopener noreferrer");
        link.setAttribute("target", "_blank");
      }
      link.textContent = img.getAttribute("alt") || src;
      img.replaceWith(link);
    }
    for (const a of [...doc.querySelectorAll("a[href]")]) {
      if (!sameOrigin(a.getAttribute("href") ?? "")) {
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "nofollow ugc noopener noreferrer");
      }
    }
    host.replaceChildren(doc);
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
