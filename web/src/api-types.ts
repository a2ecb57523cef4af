/** Payloads of API.md as the client reads them. The profile is owned by the Worker and imported as a type only. */
import type { MemberSummary, Profile } from "../../worker/services/users/present";

export type { MemberSummary, Profile };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Charter = { version: number; body: string; html: string };

export type MeResponse = { user: Profile; charterAccepted: boolean; currentCharter?: number | null };

export type Invitation = { email: string; charter: Charter | null };

export type Role = Profile["role"];

export type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
};

export type CreatedInvitation = { id: string; email: string; url: string };

export type BulkResult = {
  created: { email: string; role: Role; url?: string }[];
  rejected: { line: number; reason: string }[];
};

export type CharterVersionRow = { version: number; publishedAt: number; acceptances: number };

export type Facets = { departments: string[]; locations: string[]; skills: string[] };

/** The fields PATCH /api/v1/me/profile accepts. */
export type ProfilePatch = Partial<
  Pick<
    Profile,
    "handle" | "name" | "title" | "department" | "location" | "timezone" | "locale" | "languages" | "phone" | "bio" | "hobbies" | "hotTopics" | "skills"
  >
>;
