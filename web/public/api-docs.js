// The API docs page (/api/docs): reads the OpenAPI document and lists every operation readably.
// Plain DOM building with textContent only: nothing from the document is ever parsed as HTML.

const METHODS = ["get", "post", "put", "patch", "delete"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function pretty(value) {
  return el("pre", { class: "schema" }, el("code", {}, JSON.stringify(value, null, 2)));
}

function authOf(op, doc) {
  const declared = op["x-auth"];
  if (declared === "public") return "Public";
  if (declared === "admin") return "Administrators (session or API token)";
  if (declared === "member") return "Members (session or API token)";
  const security = op.security ?? doc.security;
  return Array.isArray(security) && security.length === 0 ? "Public" : "Signed in";
}

function parameterTable(parameters) {
  if (!parameters?.length) return null;
  return el(
    "table",
    { class: "params" },
    el("caption", {}, "Parameters"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"), el("th", { scope: "col" }, "In"), el("th", { scope: "col" }, "Type"), el("th", { scope: "col" }, "Required"))),
    el(
      "tbody",
      {},
      parameters.map((p) => {
        const schema = p.schema ?? {};
        const type = schema.type ? [schema.type, schema.format, schema.enum ? `one of ${schema.enum.join(", ")}` : null].filter(Boolean).join(" · ") : "";
        return el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, type), el("td", {}, p.required ? "yes" : "no"));
      }),
    ),
  );
}

function requestBody(body) {
  if (!body?.content) return null;
  return el(
    "div",
    { class: "body" },
    el("h4", {}, body.required ? "Request body (required)" : "Request body"),
    Object.entries(body.content).map(([type, media]) =>
      el("div", {}, el("p", { class: "media" }, el("code", {}, type)), media.schema && media.schema.format !== "binary" ? pretty(media.schema) : el("p", { class: "muted" }, "Raw bytes of that type.")),
    ),
  );
}

function responses(list) {
  if (!list) return null;
  const entries = Object.entries(list);
  if (!entries.length) return null;
  return el(
    "details",
    { class: "responses" },
    el("summary", {}, `Responses (${entries.map(([code]) => code).join(", ")})`),
    entries.map(([code, r]) =>
      el("div", {}, el("p", {}, el("strong", {}, code), " ", r.description ?? ""), r.content?.["application/json"]?.schema ? pretty(r.content["application/json"].schema) : null),
    ),
  );
}

function operation(path, method, op, doc) {
  const id = slug(`${method}-${path}`);
  return el(
    "article",
    { class: "op", id, "data-search": `${method} ${path} ${op.summary ?? ""} ${(op.tags ?? []).join(" ")}`.toLowerCase() },
    el(
      "h3",
      {},
      el("span", { class: `method method-${method}` }, method.toUpperCase()),
      " ",
      el("code", { class: "path" }, path),
      " ",
      el("a", { class: "anchor", href: `#${id}`, "aria-label": `Link to ${method.toUpperCase()} ${path}` }, "#"),
    ),
    op.summary ? el("p", { class: "summary" }, op.summary) : null,
    op.description ? el("p", {}, op.description) : null,
    el("p", { class: "auth" }, el("strong", {}, "Who may call it: "), authOf(op, doc)),
    parameterTable(op.parameters),
    requestBody(op.requestBody),
    responses(op.responses),
  );
}

function render(doc) {
  const root = document.getElementById("ops");
  const groups = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push(operation(path, method, op, doc));
    }
  }
  const count = [...groups.values()].reduce((n, ops) => n + ops.length, 0);
  const filter = el("input", { type: "search", id: "filter", placeholder: "Filter by path, method or words…", autocomplete: "off" });
  const status = el("p", { class: "muted", role: "status" }, `${count} operations.`);
  const toc = el("nav", { "aria-label": "Sections" }, el("ul", {}, [...groups.keys()].map((tag) => el("li", {}, el("a", { href: `#tag-${slug(tag)}` }, tag)))));
  const sections = [...groups.entries()].map(([tag, ops]) => el("section", { id: `tag-${slug(tag)}`, class: "tag" }, el("h2", {}, tag), ops));

  filter.addEventListener("input", () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const op of root.querySelectorAll(".op")) {
      const match = words.every((w) => op.dataset.search.includes(w));
      op.hidden = !match;
      if (match) shown++;
    }
    for (const section of root.querySelectorAll("section.tag")) section.hidden = !section.querySelector(".op:not([hidden])");
    status.textContent = words.length ? `${shown} of ${count} operations match.` : `${count} operations.`;
  });

  root.replaceChildren(
    el("div", { class: "toolbar" }, el("label", { for: "filter" }, "Filter"), filter),
    status,
    toc,
    ...sections,
  );
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

async function main() {
  const root = document.getElementById("ops");
  try {
    const res = await fetch("/api/v1/openapi.json", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!res.ok) throw new Error(`The OpenAPI document answered ${res.status}.`);
    const doc = await res.json();
    if (doc.info?.title) document.title = `${doc.info.title} · docs`;
    render(doc);
  } catch (err) {
    root.replaceChildren(el("p", { class: "error", role: "alert" }, `The API description could not be loaded: ${err.message}`));
  }
}

main();
