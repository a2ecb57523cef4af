import { describe, expect, it } from "vitest";
import type { Actor } from "../../context";
import type { GroupRole, GroupVisibility } from "../../db/groups";
import type { Role } from "../../db/users";
import { canReadComment, canReadPost, canTakePartInPost, type FirstLookFacts, type ItemFacts } from "./items";
import { canAnnounceToNetwork, type Membership } from "./groups";

/** First look's rules (API.md "First look"), written out by hand per kind of caller. */
const actor = (role: Role, id = "usr_me"): Actor => ({ id, role, handle: id, name: id, locale: "en", charterVersion: null, currentCharter: null, via: "session" });
const member = (role: GroupRole = "member"): Membership => ({ role, state: "member" });
const NOW = 1_000_000;
const post = (over: Partial<ItemFacts> = {}): ItemFacts => ({ authorId: "usr_author", hiddenAt: null, deletedAt: null, ...over });
const before: FirstLookFacts = { at: NOW + 1, inAudience: true };
const reached: FirstLookFacts = { at: NOW, inAudience: true };
const reachedOutside: FirstLookFacts = { at: NOW, inAudience: false };
const none: FirstLookFacts = { at: null, inAudience: false };

type ReadCase = [who: string, role: Role, m: Membership, visibility: GroupVisibility, item: ItemFacts, firstLook: FirstLookFacts, reads: boolean];
const READS: ReadCase[] = [
  ["home member, before the time", "member", member(), "secret", post(), before, true],
  ["audience, before the time", "member", null, "secret", post(), before, false],
  ["audience, at the time", "member", null, "secret", post(), reached, true],
  ["outside the audience, at the time", "member", null, "secret", post(), reachedOutside, false],
  ["open home group's reader, before the time", "member", null, "open", post(), before, true],
  ["guest in the audience, at the time", "guest", null, "private", post(), reached, true],
  ["audience, hidden post", "member", null, "private", post({ hiddenAt: 1 }), reached, false],
  ["audience, own hidden post", "member", null, "private", post({ hiddenAt: 1, authorId: "usr_me" }), reached, true],
  ["audience, deleted post", "member", null, "private", post({ deletedAt: 1 }), reached, false],
  ["no first look, outsider", "member", null, "private", post(), none, false],
  ["admin, before the time", "admin", null, "secret", post(), before, true],
];

describe("canReadPost", () => {
  it.each(READS)("%s", (_who, role, m, visibility, item, firstLook, reads) => {
    expect(canReadPost(actor(role), { visibility }, m, item, firstLook, NOW)).toBe(reads);
  });
});

describe("canReadComment and canTakePartInPost through a first look", () => {
  const group = { visibility: "private" as const };
  it.each([
    ["a comment", post(), true],
    ["a hidden comment", post({ hiddenAt: 1 }), false],
    ["my hidden comment", post({ hiddenAt: 1, authorId: "usr_me" }), true],
    ["a deleted comment", post({ deletedAt: 1 }), false],
  ] as const)("the audience reads %s: %s", (_what, comment, reads) => {
    expect(canReadComment(actor("member"), group, null, comment, true)).toBe(reads);
    expect(canReadComment(actor("member"), group, null, comment, false)).toBe(false);
  });
  it("lets the audience comment and react once the post reached them, and nobody else outside the group", () => {
    expect(canTakePartInPost(actor("member"), group, null, true)).toBe(true);
    expect(canTakePartInPost(actor("guest"), group, null, true)).toBe(true);
    expect(canTakePartInPost(actor("member"), group, null, false)).toBe(false);
    expect(canTakePartInPost(actor("member"), group, member(), false)).toBe(true);
  });
});

describe("canAnnounceToNetwork", () => {
  const CASES: [who: string, role: Role, m: Membership, may: boolean][] = [
    ["the home group's owner", "member", member("owner"), true],
    ["an animator", "member", member("animator"), false],
    ["a member", "member", member(), false],
    ["an administrator in the group", "admin", member(), true],
    ["an owner still pending", "member", { role: "owner", state: "pending" }, false],
  ];
  it.each(CASES)("%s: %s", (_who, role, m, may) => {
    expect(canAnnounceToNetwork(actor(role), m)).toBe(may);
  });
});
