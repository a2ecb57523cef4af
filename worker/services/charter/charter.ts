import { and, count, desc, eq, lt, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { charterAcceptances, charterVersions, users } from "../../db/users";
import { ConflictError, NotFoundError } from "../../errors";
import { renderMarkdown } from "../../lib/markdown";
import { auditInsert } from "../audit/audit";

export type Charter = { version: number; body: string; html: string };

/** The current (latest published) charter, or null before the first publication. */
export async function currentCharter(ctx: ServiceContext): Promise<Charter | null> {
  const row = await ctx.db
    .select({ version: charterVersions.version, body: charterVersions.body, html: charterVersions.html })
    .from(charterVersions)
    .orderBy(desc(charterVersions.version))
    .limit(1)
    .get();
  return row ?? null;
}

export async function getCharter(ctx: ServiceContext): Promise<Charter> {
  const charter = await currentCharter(ctx);
  if (!charter) throw new NotFoundError("No charter has been published yet");
  return charter;
}

/** Publishes a new version (admins); from then on every member must accept it again, but its publisher has. */
export async function publishCharter(ctx: ServiceContext, actor: Actor, input: { body: string }): Promise<{ version: number }> {
  const now = Date.now();
  // The version number is computed inside the INSERT, so two publications cannot take the same one.
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(charterVersions)
      .values({
        version: sql`(select coalesce(max(version), 0) + 1 from charter_versions)`,
        body: input.body,
        html: renderMarkdown(input.body),
        publishedBy: actor.id,
        publishedAt: now,
      })
      .returning({ version: charterVersions.version }),
    ctx.db.insert(charterAcceptances).values({ userId: actor.id, version: sql`(select max(version) from charter_versions)`, acceptedAt: now }),
    ctx.db.update(users).set({ charterVersion: sql`(select max(version) from charter_versions)` }).where(eq(users.id, actor.id)),
    auditInsert(ctx, actor, { action: "charter.publish", target: { type: "charter", id: sql`(select cast(max(version) as text) from charter_versions)` }, groupId: null, after: { body: input.body } }, now),
  ]);
  return inserted[0];
}

/** Records the member's acceptance of the current version; 409 when `version` is not the current one. */
export async function acceptCharter(ctx: ServiceContext, actor: Actor, version: number): Promise<void> {
  const current = await currentCharter(ctx);
  if (!current || current.version !== version) throw new ConflictError("This is not the current charter version", { current: current?.version ?? null });
  await ctx.db.batch([
    ctx.db.insert(charterAcceptances).values({ userId: actor.id, version, acceptedAt: Date.now() }).onConflictDoNothing(),
    ctx.db.update(users).set({ charterVersion: version }).where(eq(users.id, actor.id)),
  ]);
}

/** Published versions, newest first, with how many members accepted each. */
export async function listCharterVersions(ctx: ServiceContext, page: { before?: number; limit: number }) {
  const rows = await ctx.db
    .select({
      version: charterVersions.version,
      publishedAt: charterVersions.publishedAt,
      publishedBy: charterVersions.publishedBy,
      // A join, not a correlated subquery: drizzle writes the columns of a subquery unqualified, and
      // `version = version` inside it compared the acceptance with itself (every version counted every acceptance).
      acceptances: count(charterAcceptances.userId),
    })
    .from(charterVersions)
    .leftJoin(charterAcceptances, eq(charterAcceptances.version, charterVersions.version))
    .where(page.before !== undefined ? lt(charterVersions.version, page.before) : undefined)
    .groupBy(charterVersions.version)
    .orderBy(desc(charterVersions.version))
    .limit(page.limit + 1)
    .all();
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** Who accepted which version, when (for the record). */
export function acceptancesOf(ctx: ServiceContext, userId: string) {
  return ctx.db.select().from(charterAcceptances).where(and(eq(charterAcceptances.userId, userId))).orderBy(desc(charterAcceptances.version)).all();
}
