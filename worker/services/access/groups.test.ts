import { describe, expect, it } from "vitest";
import type { Actor } from "../../context";
import type { GroupRole, GroupVisibility } from "../../db/groups";
import type { Role } from "../../db/users";
import { api, createMember } from "../../test/factories";
import { canGiveRole, canRemoveMember, groupCan, memberRowCan, type Membership } from "./groups";

/** The `can` flags the views carry, written out by hand for each kind of caller (the rules of API.md "Groups"). */
const actor = (role: Role, id = "usr_me"): Actor => ({ id, role, handle: id, name: id, locale: "en", charterVersion: null, currentCharter: null, via: "session" });
const member = (role: GroupRole = "member"): Membership => ({ role, state: "member" });
const pending: Membership = { role: "member", state: "pending" };

type Case = [who: string, role: Role, m: Membership, visibility: GroupVisibility, can: ReturnType<typeof groupCan>];
const no = { read: false, post: false, moderate: false, announce: false, announceToNetwork: false, edit: false, invite: false, join: null, leave: false };
const reader = { ...no, read: true };
const inIt = { ...reader, post: true, leave: true };
const runs = { ...inIt, moderate: true, announce: true, edit: true, invite: true };
const adminOutside = { ...reader, moderate: true, edit: true, invite: true };

const CASES: Case[] = [
  ["outsider", "member", null, "open", { ...reader, join: "member" }],
  ["outsider", "member", null, "private", { ...no, join: "request" }],
  ["outsider", "member", null, "secret", no],
  ["asking", "member", pending, "private", { ...no, leave: true }],
  ["member", "member", member(), "open", inIt],
  ["member", "member", member(), "private", inIt],
  ["member", "member", member(), "secret", inIt],
  ["animator", "member", member("animator"), "private", runs],
  // Only owners and administrators give an announcement to the whole network; animators name groups.
  ["owner", "member", member("owner"), "secret", { ...runs, announceToNetwork: true }],
  ["guest in it", "guest", member(), "private", inIt],
  ["guest outside", "guest", null, "open", no],
  // Administrators read and run every group; they post (and announce) where they are members; a secret group's
  // animators add them.
  ["admin outside", "admin", null, "open", { ...adminOutside, join: "member" }],
  ["admin outside", "admin", null, "private", { ...adminOutside, join: "request" }],
  ["admin outside", "admin", null, "secret", adminOutside],
  ["admin in it", "admin", member(), "secret", { ...runs, announceToNetwork: true }],
];

describe("Group.can", () => {
  it.each(CASES)("%s (%s) in a %s… group", (_who, role, m, visibility, want) => {
    expect(groupCan(actor(role), { visibility }, m)).toEqual(want);
  });
});

describe("GroupMemberRow.can", () => {
  const row = (role: GroupRole, state: "member" | "pending" = "member", userId = "usr_them") => ({ userId, role, state });
  const nothing = { changeRoleTo: [], remove: false, approve: false };
  it("lets animators change members and animators, never owners", () => {
    const me = member("animator");
    expect(memberRowCan(actor("member"), me, row("member"))).toEqual({ changeRoleTo: ["animator"], remove: true, approve: false });
    expect(memberRowCan(actor("member"), me, row("animator"))).toEqual({ changeRoleTo: ["member"], remove: true, approve: false });
    expect(memberRowCan(actor("member"), me, row("owner"))).toEqual(nothing);
  });
  it("lets owners and administrators name owners and change an owner, whom they do not remove from the list", () => {
    for (const [role, m] of [["member", member("owner")], ["admin", null], ["admin", member()]] as const) {
      expect(memberRowCan(actor(role), m, row("member"))).toEqual({ changeRoleTo: ["animator", "owner"], remove: true, approve: false });
      expect(memberRowCan(actor(role), m, row("owner"))).toEqual({ changeRoleTo: ["member", "animator"], remove: false, approve: false });
    }
  });
  it("offers nothing to members, and nothing on one's own row", () => {
    expect(memberRowCan(actor("member"), member(), row("member"))).toEqual(nothing);
    expect(memberRowCan(actor("member"), member("owner"), row("owner", "member", "usr_me"))).toEqual(nothing);
  });
  it("approves and declines requests for the group's moderators", () => {
    expect(memberRowCan(actor("member"), member("animator"), row("member", "pending"))).toEqual({ changeRoleTo: [], remove: true, approve: true });
    expect(memberRowCan(actor("member"), member(), row("member", "pending"))).toEqual(nothing);
  });
  it("never offers what the API would refuse", () => {
    const roles: GroupRole[] = ["owner", "animator", "member"];
    const memberships: Membership[] = [null, pending, ...roles.map(member)];
    for (const role of ["admin", "member", "guest"] as Role[])
      for (const m of memberships)
        for (const targetRole of roles)
          for (const state of ["member", "pending"] as const) {
            const can = memberRowCan(actor(role), m, row(targetRole, state));
            for (const r of can.changeRoleTo) expect(canGiveRole(actor(role), m, r)).toBe(true);
            if (can.remove || can.approve) expect(canRemoveMember(actor(role), m)).toBe(true);
          }
  });
});

describe("the flags through HTTP", () => {
  it("answers each caller's can on GET /groups/:id and on each row of GET /groups/:id/members", async () => {
    const owner = await createMember();
    const animator = await createMember();
    const plain = await createMember();
    const outsider = await createMember();
    const admin = await createMember({ role: "admin" });
    const gid = (await api("/api/v1/groups", { as: owner, body: { name: `Flags ${Math.random()}`, visibility: "private", kind: "project" } })).json.id;
    await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: animator.id, role: "animator" } });
    await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: plain.id } });

    expect((await api(`/api/v1/groups/${gid}`, { as: outsider })).json.can).toEqual({ ...no, join: "request" });
    expect((await api(`/api/v1/groups/${gid}`, { as: plain })).json.can).toEqual(inIt);
    expect((await api(`/api/v1/groups/${gid}`, { as: admin })).json.can).toEqual({ ...adminOutside, join: "request" });
    expect((await api(`/api/v1/groups/${gid}/join`, { as: outsider, method: "POST" })).status).toBe(202);
    expect((await api(`/api/v1/groups/${gid}`, { as: outsider })).json.can).toEqual({ ...no, leave: true });

    const rows = async (as: typeof owner, state = "member") =>
      Object.fromEntries(((await api(`/api/v1/groups/${gid}/members?state=${state}`, { as })).json.items as any[]).map((r) => [r.member.id, r.can]));
    const nothing = { changeRoleTo: [], remove: false, approve: false };
    expect(await rows(animator)).toEqual({
      [owner.id]: nothing,
      [animator.id]: nothing,
      [plain.id]: { changeRoleTo: ["animator"], remove: true, approve: false },
    });
    expect(await rows(owner)).toEqual({
      [owner.id]: nothing,
      [animator.id]: { changeRoleTo: ["member", "owner"], remove: true, approve: false },
      [plain.id]: { changeRoleTo: ["animator", "owner"], remove: true, approve: false },
    });
    expect(Object.values(await rows(plain))).toEqual([nothing, nothing, nothing]);
    expect(await rows(animator, "pending")).toEqual({ [outsider.id]: { changeRoleTo: [], remove: true, approve: true } });
  });
});
