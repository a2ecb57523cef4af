import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../context";
import type { Role } from "../../db/users";
import { testContext } from "../../test/factories";
import { searchDirectory } from "../users/directory";
import { getProfile } from "../users/get-user";
import { listsMember, maySeeContact, mayViewMember, sqlListedMember, sqlViewableMember } from "./members";

/**
 * The members rule (access/members.ts) is written once and read two ways: a TypeScript check over facts (one profile)
 * and a SQL condition (the directory). These tests put populations of members, groups and memberships in D1 and check
 * that, for every viewer, the members the SQL returns are exactly those the TypeScript check accepts — with the
 * "shares a group" fact computed here, in plain TypeScript, from the population itself — and that the services built
 * on them (getProfile, searchDirectory) answer the same.
 */

type Membership = { state: "member" | "pending"; role: "owner" | "animator" | "member" } | null;
type Person = { role: Role; deactivated: boolean };
type Population = { people: Person[]; groups: ("open" | "private" | "secret")[]; /** [person][group] */ memberships: Membership[][] };

let runs = 0;

/** Inserts the population under fresh ids (a token no other row has, so that a directory search finds only it). */
async function insert(pop: Population) {
  const token = `agr${++runs}x${Math.random().toString(36).slice(2, 8)}`;
  const now = Date.now();
  const ids = pop.people.map((_, i) => `usr_${token}_${i}`);
  const groupIds = pop.groups.map((_, j) => `grp_${token}_${j}`);
  const statements: D1PreparedStatement[] = [];
  pop.people.forEach((p, i) =>
    statements.push(
      env.DB.prepare(
        `INSERT INTO users (id, email, handle, name, role, phone, password_hash, deactivated_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'x', ?, ?, ?)`,
      ).bind(ids[i], `${token}.${i}@example.test`, `${token}${i}`, `${token} Person ${i}`, p.role, `+33 1 00 00 00 ${String(i).padStart(2, "0")}`, p.deactivated ? now : null, now, now),
    ),
  );
  pop.groups.forEach((visibility, j) =>
    statements.push(
      env.DB.prepare(`INSERT INTO groups (id, name, visibility, kind, created_by, created_at, updated_at) VALUES (?, ?, ?, 'community', ?, ?, ?)`).bind(groupIds[j], `${token} group ${j}`, visibility, ids[0], now, now),
    ),
  );
  pop.memberships.forEach((row, i) =>
    row.forEach((m, j) => {
      if (m) statements.push(env.DB.prepare(`INSERT INTO group_members (group_id, user_id, role, state, created_at) VALUES (?, ?, ?, ?, ?)`).bind(groupIds[j], ids[i], m.role, m.state, now));
    }),
  );
  await env.DB.batch(statements);
  return { token, ids };
}

function actorOf(id: string, p: Person): Actor {
  return { id, role: p.role, handle: id, name: id, locale: "en", charterVersion: null, currentCharter: null, via: "session" };
}

/** "Shares a group", from the population alone: some group where both are members (not merely asking). */
function sharesGroup(pop: Population, a: number, b: number): boolean {
  return pop.groups.some((_, j) => pop.memberships[a][j]?.state === "member" && pop.memberships[b][j]?.state === "member");
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** For every viewer (by index), the targets (by index) each form of the rule lets them see. */
async function observe(pop: Population) {
  const { token, ids } = await insert(pop);
  const index = new Map(ids.map((id, i) => [id, i]));
  const people = pop.people.map((p, i) => ({ ...p, i, id: ids[i] }));
  const inPopulation = `u.id IN (${ids.map(() => "?").join(", ")})`;
  const ctx = testContext();
  const out = [];
  for (const viewer of people) {
    const actor = actorOf(viewer.id, viewer);
    const target = (t: (typeof people)[number]) => ({ id: t.id, deactivated: t.deactivated });
    const sqlSet = async (part: { sql: string; binds: readonly unknown[] }) =>
      sorted((await env.DB.prepare(`SELECT u.id FROM users u WHERE ${inPopulation} AND (${part.sql})`).bind(...ids, ...part.binds).all<{ id: string }>()).results.map((r) => index.get(r.id)!));
    const profiles: number[] = [];
    const contacts: number[] = [];
    for (const t of people) {
      try {
        const profile = await getProfile(ctx, actor, t.id);
        profiles.push(t.i);
        if (profile.phone !== "") contacts.push(t.i);
      } catch (err: any) {
        if (err?.code !== "not_found") throw err;
      }
    }
    const directory = (await searchDirectory(ctx, actor, { q: token, limit: 100 })).items;
    out.push({
      viewer: viewer.i,
      ts: {
        view: people.filter((t) => mayViewMember(actor, target(t), sharesGroup(pop, viewer.i, t.i))).map((t) => t.i),
        listed: people.filter((t) => listsMember(actor, target(t), sharesGroup(pop, viewer.i, t.i))).map((t) => t.i),
        contact: people.filter((t) => mayViewMember(actor, target(t), sharesGroup(pop, viewer.i, t.i)) && maySeeContact(actor, t.id)).map((t) => t.i),
      },
      sql: { view: await sqlSet(sqlViewableMember(actor, "u")), listed: await sqlSet(sqlListedMember(actor, "u")) },
      service: {
        profile: profiles,
        profileContact: contacts,
        directory: sorted(directory.map((p) => index.get(p.id)!)),
        directoryContact: sorted(directory.filter((p) => p.phone !== "").map((p) => index.get(p.id)!)),
      },
    });
  }
  return out;
}

const ROLE = fc.constantFrom<Role>("admin", "member", "guest");
const MEMBERSHIP: fc.Arbitrary<Membership> = fc.option(fc.record({ state: fc.constantFrom("member" as const, "pending" as const), role: fc.constantFrom("owner" as const, "animator" as const, "member" as const) }), { nil: null, freq: 2 });
const POPULATION: fc.Arbitrary<Population> = fc
  .record({ size: fc.integer({ min: 2, max: 8 }), groups: fc.array(fc.constantFrom("open" as const, "private" as const, "secret" as const), { minLength: 1, maxLength: 4 }) })
  .chain(({ size, groups }) =>
    fc.record({
      people: fc.array(fc.record({ role: ROLE, deactivated: fc.constantFrom(false, false, false, true) }), { minLength: size, maxLength: size }),
      groups: fc.constant(groups),
      memberships: fc.array(fc.array(MEMBERSHIP, { minLength: groups.length, maxLength: groups.length }), { minLength: size, maxLength: size }),
    }),
  );

export const AGREEMENT_RUNS = 60;

describe("the members rule: its SQL and its TypeScript forms agree", () => {
  it(`over ${AGREEMENT_RUNS} generated populations (2–8 members of each role, 1–4 groups, memberships and requests, deactivated members)`, async () => {
    let viewers = 0;
    await fc.assert(
      fc.asyncProperty(POPULATION, async (pop) => {
        for (const o of await observe(pop)) {
          viewers++;
          expect(o.sql.view, `viewer ${o.viewer}: SQL vs TS (profile rule)`).toEqual(o.ts.view);
          expect(o.sql.listed, `viewer ${o.viewer}: SQL vs TS (directory rule)`).toEqual(o.ts.listed);
          expect(o.service.profile, `viewer ${o.viewer}: getProfile`).toEqual(o.ts.view);
          expect(o.service.profileContact, `viewer ${o.viewer}: getProfile contact`).toEqual(o.ts.contact);
          expect(o.service.directory, `viewer ${o.viewer}: searchDirectory`).toEqual(o.ts.listed);
          expect(o.service.directoryContact, `viewer ${o.viewer}: searchDirectory contact`).toEqual(o.ts.contact.filter((i) => o.ts.listed.includes(i)));
        }
      }),
      { numRuns: AGREEMENT_RUNS },
    );
    expect(viewers).toBeGreaterThanOrEqual(2 * AGREEMENT_RUNS);
  }, 120_000);
});

describe("the members rule, by hand", () => {
  // One network, written out: who is in which group, and what each viewer must see.
  const NAMES = ["admin", "member", "guest", "lonelyGuest", "pendingGuest", "asking", "gone", "outsider"] as const;
  type Name = (typeof NAMES)[number];
  const PEOPLE: Record<Name, Person> = {
    admin: { role: "admin", deactivated: false },
    member: { role: "member", deactivated: false },
    guest: { role: "guest", deactivated: false },
    lonelyGuest: { role: "guest", deactivated: false },
    pendingGuest: { role: "guest", deactivated: false },
    asking: { role: "member", deactivated: false },
    gone: { role: "member", deactivated: true },
    outsider: { role: "member", deactivated: false },
  };
  const m = (role: "owner" | "animator" | "member" = "member"): Membership => ({ state: "member", role });
  const p: Membership = { state: "pending", role: "member" };
  // Groups: project (private), lonely (secret).
  const MEMBERSHIPS: Record<Name, Membership[]> = {
    admin: [null, null],
    member: [m("owner"), null],
    guest: [m(), null],
    lonelyGuest: [null, m()],
    pendingGuest: [p, null],
    asking: [p, null],
    gone: [m(), null],
    outsider: [null, null],
  };
  const everyone: Name[] = [...NAMES];
  const active = everyone.filter((n) => n !== "gone");
  /** viewer → [profiles they may open, members the directory lists, members whose phone and email they see]. */
  const EXPECTED: Record<Name, { view: Name[]; listed: Name[]; contact: Name[] }> = {
    admin: { view: everyone, listed: active, contact: everyone },
    member: { view: active, listed: active, contact: active },
    // A guest sees who shares a group with them (members of it, not those asking to join), without their contact.
    guest: { view: ["member", "guest"], listed: ["member", "guest"], contact: ["guest"] },
    lonelyGuest: { view: ["lonelyGuest"], listed: ["lonelyGuest"], contact: ["lonelyGuest"] },
    pendingGuest: { view: ["pendingGuest"], listed: ["pendingGuest"], contact: ["pendingGuest"] },
    asking: { view: active, listed: active, contact: active },
    // A deactivated member has no session; were they asking, they would see themselves but not be listed.
    gone: { view: everyone, listed: active, contact: everyone },
    outsider: { view: active, listed: active, contact: active },
  };

  it("answers the literal table, in every form", async () => {
    const pop: Population = { people: NAMES.map((n) => PEOPLE[n]), groups: ["private", "secret"], memberships: NAMES.map((n) => MEMBERSHIPS[n]) };
    const names = (xs: number[]) => xs.map((i) => NAMES[i]);
    const order = (xs: Name[]) => names(sorted(xs.map((n) => NAMES.indexOf(n))));
    for (const o of await observe(pop)) {
      const viewer = NAMES[o.viewer];
      const want = EXPECTED[viewer];
      for (const [form, got] of [["ts", o.ts.view], ["sql", o.sql.view], ["getProfile", o.service.profile]] as const) expect(names(got), `${viewer} views (${form})`).toEqual(order(want.view));
      for (const [form, got] of [["ts", o.ts.listed], ["sql", o.sql.listed], ["searchDirectory", o.service.directory]] as const) expect(names(got), `${viewer} lists (${form})`).toEqual(order(want.listed));
      expect(names(o.ts.contact), `${viewer} contact (ts)`).toEqual(order(want.contact));
      expect(names(o.service.profileContact), `${viewer} contact (getProfile)`).toEqual(order(want.contact));
      expect(names(o.service.directoryContact), `${viewer} contact (searchDirectory)`).toEqual(order(want.contact.filter((n) => want.listed.includes(n))));
    }
  });

  it("folds the caller's role into the SQL: the same conditions as the directory always had", () => {
    const as = (role: Role) => ({ id: "usr_me", role });
    expect(sqlListedMember(as("admin")).sql).toBe("u.deactivated_at IS NULL");
    expect(sqlListedMember(as("member")).sql).toBe("u.deactivated_at IS NULL");
    const guest = sqlListedMember(as("guest"));
    expect(guest.sql.replace(/\s+/g, " ")).toBe(
      "(u.deactivated_at IS NULL) AND ((u.id = ?) OR (u.id IN (SELECT theirs.user_id FROM group_members mine JOIN group_members theirs ON theirs.group_id = mine.group_id AND theirs.state = 'member' WHERE mine.user_id = ? AND mine.state = 'member')))",
    );
    expect(guest.binds).toEqual(["usr_me", "usr_me"]);
    expect(sqlViewableMember(as("admin")).sql).toBe("1");
    expect(sqlViewableMember(as("member")).sql).toBe("(u.id = ?) OR (u.deactivated_at IS NULL)");
  });
});
