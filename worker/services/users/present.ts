import { foldDuplicates } from "../../../contract/text";
import type { users } from "../../db/users";

type UserRow = typeof users.$inferSelect;

/** A member as they appear elsewhere: a post's author, a chat's sender, presence (API.md). */
export type MemberSummary = {
  id: string;
  handle: string;
  name: string;
  location: string;
  timezone: string;
  avatarUrl: string | null;
};

/** The profile of API.md. */
export type Profile = MemberSummary & {
  title: string;
  department: string;
  locale: "en" | "fr";
  languages: string[];
  phone: string;
  email: string;
  bio: string;
  bioHtml: string;
  hobbies: string[];
  hotTopics: string[];
  skills: string[];
  role: UserRow["role"];
  deactivated: boolean;
};

export function avatarUrl(avatarKey: string | null): string | null {
  return avatarKey ? `/api/v1/files/${avatarKey}` : null;
}

/**
 * A stored list (skills, hobbies, hot topics, languages), each entry once: lists written before they were folded may
 * hold "Excel" and "excel\u200B", which are one chip.
 */
function list(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? foldDuplicates(v.filter((x): x is string => typeof x === "string")) : [];
  } catch {
    return [];
  }
}

export function presentMember(row: Pick<UserRow, "id" | "handle" | "name" | "location" | "timezone" | "avatarKey">): MemberSummary {
  return { id: row.id, handle: row.handle, name: row.name, location: row.location, timezone: row.timezone, avatarUrl: avatarUrl(row.avatarKey) };
}

/** A full profile; `contact: false` hides phone and email (what a guest sees of others). */
export function presentProfile(row: UserRow, options: { contact: boolean } = { contact: true }): Profile {
  return {
    ...presentMember(row),
    title: row.title,
    department: row.department,
    locale: row.locale,
    languages: list(row.languages),
    phone: options.contact ? row.phone : "",
    email: options.contact ? row.email : "",
    bio: row.bio,
    bioHtml: row.bioHtml,
    hobbies: list(row.hobbies),
    hotTopics: list(row.hotTopics),
    skills: list(row.skills),
    role: row.role,
    deactivated: row.deactivatedAt !== null,
  };
}
