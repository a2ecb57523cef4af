import { z } from "zod";
import { Member } from "../../party/protocol";

/** Shared request pieces, so every route refuses the same bad input the same way. */
export const Email = z.email().max(254).transform((e) => e.trim().toLowerCase());
export const Password = z.string().min(10, "At least 10 characters").max(200);
export const PersonName = z.string().trim().min(1).max(100);
export const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `Not a ${prefix}_ id`);

/** Profiles, as answered (documented in OpenAPI); a member elsewhere is the rooms' `Member`. */
export const MemberSchema = Member;
export const ProfileSchema = MemberSchema.extend({
  title: z.string(),
  department: z.string(),
  locale: z.enum(["en", "fr"]),
  languages: z.array(z.string()),
  phone: z.string(),
  email: z.string(),
  bio: z.string(),
  bioHtml: z.string(),
  hobbies: z.array(z.string()),
  hotTopics: z.array(z.string()),
  skills: z.array(z.string()),
  role: z.enum(["admin", "member", "guest"]),
  deactivated: z.boolean(),
});
export const UserEnvelope = z.object({ user: ProfileSchema });
export const CharterSchema = z.object({ version: z.number().int(), body: z.string(), html: z.string() });
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const GroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(["open", "private", "secret"]),
  kind: z.enum(["community", "project", "wellbeing", "onboarding", "client"]),
  rules: z.string(),
  rulesHtml: z.string(),
  coverColor: z.string(),
  coverUrl: z.string().nullable(),
  memberCount: z.number(),
  lastPostAt: z.number().nullable(),
  createdAt: z.number(),
  membership: z.object({ role: z.string(), state: z.string(), notify: z.string() }).nullable(),
  can: z.object({ read: z.boolean(), post: z.boolean(), moderate: z.boolean() }),
});
export const PostSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  author: MemberSchema,
  kind: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  body: z.string(),
  html: z.string(),
  tags: z.array(z.string()),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), type: z.string(), url: z.string() })),
  createdAt: z.number(),
  editedAt: z.number().nullable(),
});
export const CommentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  parentId: z.string().nullable(),
  author: MemberSchema,
  body: z.string(),
  html: z.string(),
  createdAt: z.number(),
  editedAt: z.number().nullable(),
  hidden: z.boolean(),
  reactions: z.record(z.string(), z.number()),
  myReactions: z.array(z.string()),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
/** Markdown bodies of posts and comments. */
export const Body = z.string().trim().min(1).max(40_000);
/** The cursor of lists ordered by id alone. */
export const IdCursor = z.object({ i: z.string().max(100) });
