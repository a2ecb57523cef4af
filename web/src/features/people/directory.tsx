import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, isAbort, withQuery } from "../../api";
import type { Facets, Page, Profile } from "../../api-types";
import { Badge } from "../../components/badge";
import { EmptyState } from "../../components/empty-state";
import { MemberChip } from "../../components/member-chip";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import "./people.css";

const FILTERS = ["department", "location", "skill"] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<"q" | FilterName, string>;

const FILTER_LABEL: Record<FilterName, [MessageKey, MessageKey]> = {
  department: ["people.department", "people.anyDepartment"],
  location: ["people.location", "people.anyLocation"],
  skill: ["people.skill", "people.anySkill"],
};
const FACET_OF: Record<FilterName, keyof Facets> = { department: "departments", location: "locations", skill: "skills" };

type Results =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: Profile[]; nextCursor: string | null; more: "idle" | "loading" | string };

const PAGE_SIZE = 20;

/** /people: the directory, searchable and filtered, with the query kept in the URL so a search can be shared. */
export function Directory() {
  usePageTitle(t("people.title"));
  const { query, route } = useLocation();
  const filters: Filters = { q: query.q ?? "", department: query.department ?? "", location: query.location ?? "", skill: query.skill ?? "" };
  const key = JSON.stringify(filters);

  const [text, setText] = useState(filters.q);
  const [facets, setFacets] = useState<Facets>({ departments: [], locations: [], skills: [] });
  const [results, setResults] = useState<Results>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  // Read at call time: a debounced search must not undo a filter chosen meanwhile.
  const navigate = (changes: Partial<Filters>) => {
    const current = new URLSearchParams(window.location.search);
    const next: Record<string, string> = {};
    for (const name of ["q", ...FILTERS] as const) next[name] = changes[name] ?? current.get(name) ?? "";
    route(withQuery("/people", next), true);
  };

  // The URL changed from elsewhere (the top bar's search, back/forward): the box follows.
  useEffect(() => {
    if (filters.q !== text.trim()) setText(filters.q);
  }, [filters.q]);

  // Typing searches after a short pause; the URL follows without stacking history entries.
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = setTimeout(() => navigate({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    api<Facets>("/users/facets").then(setFacets, () => {
      // Without facets the filters offer only what is in the URL; searching still works.
    });
  }, []);

  useEffect(() => {
    controller.current?.abort();
    const ctl = (controller.current = new AbortController());
    setResults({ status: "loading" });
    api<Page<Profile>>("/users", { query: { ...filters, limit: PAGE_SIZE }, signal: ctl.signal }).then(
      (page) => setResults({ status: "ready", items: page.items, nextCursor: page.nextCursor, more: "idle" }),
      (err) => !isAbort(err) && setResults({ status: "error", message: errorText(err) }),
    );
    return () => ctl.abort();
  }, [key, attempt]);

  const loadMore = async () => {
    if (results.status !== "ready" || !results.nextCursor) return;
    const current = results;
    setResults({ ...current, more: "loading" });
    try {
      const page = await api<Page<Profile>>("/users", { query: { ...filters, cursor: current.nextCursor, limit: PAGE_SIZE } });
      setResults({ status: "ready", items: [...current.items, ...page.items], nextCursor: page.nextCursor, more: "idle" });
    } catch (err) {
      setResults({ ...current, more: errorText(err) });
    }
  };

  const filtered = FILTERS.some((f) => filters[f]) || filters.q;

  return (
    <section class="page">
      <h1>{t("people.title")}</h1>
      <form class="card directory-filters" role="search" onSubmit={(e) => { e.preventDefault(); navigate({ q: text.trim() }); }}>
        <div class="field directory-search">
          <label for="people-q">{t("people.search")}</label>
          <input id="people-q" type="search" value={text} placeholder={t("people.searchPlaceholder")} onInput={(e) => setText(e.currentTarget.value)} enterKeyHint="search" />
        </div>
        {FILTERS.map((name) => {
          const options = facets[FACET_OF[name]];
          const value = filters[name];
          const [label, any] = FILTER_LABEL[name];
          return (
            <div class="field" key={name}>
              <label for={`people-${name}`}>{t(label)}</label>
              <select id={`people-${name}`} value={value} onChange={(e) => navigate({ [name]: e.currentTarget.value })}>
                <option value="">{t(any)}</option>
                {(value && !options.includes(value) ? [value, ...options] : options).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        {filtered ? (
          <button type="button" class="btn btn-quiet directory-clear" onClick={() => { setText(""); route("/people", true); }}>
            {t("people.clear")}
          </button>
        ) : null}
      </form>

      {results.status === "loading" ? (
        <div class="card"><Skeleton lines={5} /></div>
      ) : results.status === "error" ? (
        <div class="card">
          <EmptyState role="alert" title={results.message} action={<button type="button" class="btn btn-secondary" onClick={() => setAttempt(attempt + 1)}>{t("common.retry")}</button>} />
        </div>
      ) : results.items.length === 0 ? (
        <div class="card">
          <EmptyState icon="people" title={filtered ? t("people.noMatch") : t("people.empty")} action={filtered ? <button type="button" class="btn btn-secondary" onClick={() => { setText(""); route("/people", true); }}>{t("people.clear")}</button> : null}>
            {filtered ? t("people.noMatchBody") : null}
          </EmptyState>
        </div>
      ) : (
        <>
          <p class="muted small" role="status">
            {t(results.nextCursor ? "people.shownMore" : "people.shown", { count: results.items.length })}
          </p>
          <ul class="people-list" aria-label={t("people.results")}>
            {results.items.map((person) => (
              <li key={person.id} class="card person-card">
                <MemberChip member={{ ...person, title: [person.title, person.department].filter(Boolean).join(" · ") }} />
                {person.skills.length ? (
                  <ul class="badge-list" aria-label={t("people.skillsOf", { name: person.name })}>
                    {person.skills.map((skill) => (
                      <li key={skill}>
                        <a class="badge-link" href={withQuery("/people", { skill })} aria-current={filters.skill === skill ? "true" : undefined}>
                          <Badge tone={filters.skill === skill ? "accent" : "neutral"}>{skill}</Badge>
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          {results.nextCursor ? (
            <div class="load-more">
              {results.more !== "idle" && results.more !== "loading" ? (
                <p class="field-error" role="alert">
                  {results.more}
                </p>
              ) : null}
              <button type="button" class="btn btn-secondary" onClick={loadMore} disabled={results.more === "loading"}>
                {results.more === "loading" ? t("common.loading") : t("people.loadMore")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
