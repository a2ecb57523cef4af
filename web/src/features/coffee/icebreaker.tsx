import type { Icebreaker } from "../../../../contract/coffee";
import { locale, t } from "../../i18n";

export type { Icebreaker };

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

export function isIcebreaker(v: unknown): v is Icebreaker {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    isStrings(o.sharedHobbies) &&
    Array.isArray(o.hotTopics) &&
    o.hotTopics.every((h) => typeof h === "object" && h !== null && typeof h.userId === "string" && typeof h.name === "string" && isStrings(h.topics))
  );
}

function list(items: string[]): string {
  return new Intl.ListFormat(locale.value, { type: "conjunction" }).format(items);
}

/** The icebreaker in the reader's language. */
export function IcebreakerText({ value }: { value: Icebreaker }) {
  const topics = value.hotTopics.filter((h) => h.topics.length > 0);
  if (value.sharedHobbies.length === 0 && topics.length === 0) return <p class="coffee-icebreaker-line">{t("coffee.icebreaker.none")}</p>;
  return (
    <>
      {value.sharedHobbies.length ? <p class="coffee-icebreaker-line">{t("coffee.icebreaker.shared", { hobbies: list(value.sharedHobbies) })}</p> : null}
      {topics.map((h) => (
        <p key={h.userId} class="coffee-icebreaker-line">
          {t("coffee.icebreaker.topics", { name: h.name, topics: list(h.topics) })}
        </p>
      ))}
    </>
  );
}
