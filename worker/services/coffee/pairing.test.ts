import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, createMember, testContext, type TestMember } from "../../test/factories";
import { intersect, longestOverlapMinutes, weeklySpans, weekStart } from "./availability";
import { runWeeklyPairing } from "./pairing";

const WEEK = 7 * 24 * 3600 * 1000;
const SITES = [
  { location: "Paris", timezone: "Europe/Paris", from: "14:00", to: "16:00" },
  { location: "New York", timezone: "America/New_York", from: "08:00", to: "10:00" },
  { location: "Singapore", timezone: "Asia/Singapore", from: "21:00", to: "23:00" },
  { location: "São Paulo", timezone: "America/Sao_Paulo", from: "10:00", to: "12:00" },
];
const DEPARTMENTS = ["Sales", "Support", "IT", "HR", "Finance", "Marketing"];

async function optIn(m: TestMember, site: (typeof SITES)[number]) {
  const hours = [2, 4].map((day) => ({ day, from: site.from, to: site.to }));
  const res = await api("/api/v1/me/coffee-pairing", { as: m, method: "PUT", body: { optIn: true, hours } });
  expect(res.status).toBe(200);
}

describe("cross-silo coffee pairing", () => {
  it("pairs across departments over 9 weeks: no repeats within 8 weeks, overlapping hours, ≥ 80% paired, others told why", async () => {
    const members: { m: TestMember; department: string; site: (typeof SITES)[number] }[] = [];
    for (let i = 0; i < 48; i++) {
      const department = DEPARTMENTS[i % DEPARTMENTS.length];
      const site = SITES[Math.floor(i / DEPARTMENTS.length) % SITES.length];
      const m = await createMember({ name: `Pair ${i}`, profile: { department, location: site.location, timezone: site.timezone, hobbies: JSON.stringify(i % 3 === 0 ? ["Chess", "Jazz"] : ["Jazz"]) } });
      await optIn(m, site);
      members.push({ m, department, site });
    }
    const info = new Map(members.map((x) => [x.m.id, x]));
    const history: { week: number; group: string[] }[] = [];
    const ctx = testContext();
    const first = weekStart(Date.UTC(2027, 0, 4, 9));
    for (let w = 0; w < 9; w++) {
      const week = first + w * WEEK;
      const run = await runWeeklyPairing(ctx, week + 9 * 3600 * 1000);
      expect(run.alreadyRan).toBe(false);
      const { results: rows } = await env.DB.prepare("SELECT pairing_id, user_id FROM coffee_pairing_members WHERE week = ? ORDER BY pairing_id").bind(week).all<{ pairing_id: string; user_id: string }>();
      const groups = new Map<string, string[]>();
      for (const r of rows) groups.set(r.pairing_id, [...(groups.get(r.pairing_id) ?? []), r.user_id]);
      const paired = new Set(rows.map((r) => r.user_id));
      expect(paired.size / members.length).toBeGreaterThanOrEqual(0.8);
      for (const group of groups.values()) {
        expect(group.length === 2 || group.length === 3).toBe(true);
        const departments = group.map((id) => info.get(id)!.department);
        expect(new Set(departments).size).toBe(group.length);
        const spans = group.map((id) => weeklySpans([2, 4].map((day) => ({ day, from: info.get(id)!.site.from, to: info.get(id)!.site.to })), info.get(id)!.site.timezone, week));
        expect(longestOverlapMinutes(spans.reduce((a, b) => intersect(a, b)))).toBeGreaterThanOrEqual(30);
        for (const past of history.filter((h) => h.week >= week - 8 * WEEK)) {
          const again = group.filter((id) => past.group.includes(id));
          expect(again.length, `week ${w}: ${again.join(",")} met again within 8 weeks`).toBeLessThan(2);
        }
        history.push({ week, group });
      }
      const { results: leftOut } = await env.DB.prepare("SELECT user_id, reason FROM coffee_left_out WHERE week = ?").bind(week).all<{ user_id: string; reason: string }>();
      expect(leftOut.length + paired.size).toBe(members.length);
      for (const l of leftOut) expect(["no_overlap", "no_partner_outside_department", "all_met_recently", "odd_one_out", "no_hours"]).toContain(l.reason);
    }
    // Running a week again changes nothing.
    expect((await runWeeklyPairing(ctx, first + 9 * 3600 * 1000)).alreadyRan).toBe(true);
  }, 60_000);

  it("tells the paired members, each held by their own quiet hours", async () => {
    const a = await createMember({ profile: { department: "Quiet-a", location: "London", timezone: "UTC" } });
    const b = await createMember({ profile: { department: "Quiet-b", location: "London", timezone: "UTC" } });
    await env.DB.prepare("UPDATE coffee_optins SET opt_in = 0").run();
    for (const m of [a, b]) await api("/api/v1/me/coffee-pairing", { as: m, method: "PUT", body: { optIn: true, hours: [{ day: 3, from: "10:00", to: "12:00" }] } });
    // b's quiet hours run from an hour ago to an hour ahead (UTC): their notification waits about an hour.
    const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);
    await env.DB.prepare('INSERT INTO quiet_hours (user_id, "from", "to") VALUES (?, ?, ?)').bind(b.id, hhmm(Date.now() - 3600_000), hhmm(Date.now() + 3600_000)).run();
    const run = await runWeeklyPairing(testContext(), Date.UTC(2031, 5, 2, 9));
    expect(run).toMatchObject({ optedIn: 2, paired: 2, leftOut: 0 });
    const { results } = await env.DB.prepare("SELECT user_id, deliver_at - created_at AS held FROM notifications WHERE kind = 'coffee_paired' AND user_id IN (?, ?)").bind(a.id, b.id).all<{ user_id: string; held: number }>();
    const held = new Map(results.map((r) => [r.user_id, r.held]));
    expect([results.length, held.get(a.id)]).toEqual([2, 0]);
    expect(held.get(b.id)).toBeGreaterThan(58 * 60_000);
    expect(held.get(b.id)).toBeLessThanOrEqual(61 * 60_000);
  });

  it("does not pair colleagues in recent direct interaction, and says so", async () => {
    const a = await createMember({ profile: { department: "Legal-x", location: "Paris", timezone: "Europe/Paris" } });
    const b = await createMember({ profile: { department: "Ops-x", location: "Paris", timezone: "Europe/Paris" } });
    const now = Date.UTC(2030, 5, 3, 9); // a Monday
    const g = await api("/api/v1/groups", { as: a, body: { name: "Interaction", visibility: "open", kind: "community" } });
    const post = await api(`/api/v1/groups/${g.json.id}/posts`, { as: a, body: { body: "hello" } });
    await api(`/api/v1/posts/${post.json.id}/comments`, { as: b, body: { body: "hi back" } });
    // Only these two are opted in this time: turn everyone else off first.
    await env.DB.prepare("UPDATE coffee_optins SET opt_in = 0").run();
    for (const m of [a, b]) await api("/api/v1/me/coffee-pairing", { as: m, method: "PUT", body: { optIn: true, hours: [{ day: 2, from: "10:00", to: "12:00" }] } });
    await env.DB.prepare("UPDATE comments SET created_at = ? WHERE author_id = ?").bind(now - 10 * 24 * 3600 * 1000, b.id).run();
    const run = await runWeeklyPairing(testContext(), now);
    expect(run).toMatchObject({ optedIn: 2, paired: 0, leftOut: 2 });
    const me = await api("/api/v1/me/coffee-pairing", { as: a });
    expect(me.json).toMatchObject({ optIn: true, current: null });
  });
});
