import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, EXPECTED, KINDS, ROLES, VISIBILITIES, type Action, type Expected, type Kind, type Resource, type Role, type Visibility } from "../test/authorization-table";
import { api, checkedFetch, createMember, ORIGIN, send, type ApiResponse, type TestMember } from "../test/factories";
import { PNG } from "../test/images";

/**
 * The authorization matrix: every role × resource × action of worker/test/authorization-table.ts, run through HTTP
 * against one network and compared with the table. The cases are generated from the table's axes, never listed, and
 * the table is written from the product rules: nothing here asks the code's own permission functions.
 */

type Fixture = {
  group: string;
  groupWord: string;
  post: string;
  postWord: string;
  comment: string;
  commentWord: string;
  file: string;
  fileWord: string;
  attachmentPost: string;
  /** Everyone who may read it reports this one post (reporting is not destructive). */
  reportable: string;
  report: string;
  /** The post an integration made through the group's incoming hook, and a word only it holds. */
  hookPost: string;
  hookPostWord: string;
  campaign: string;
  idea: string;
  ideaWord: string;
  /** A question by the poster, with a word only it holds, and its answer by the reporter. */
  question: string;
  questionWord: string;
  answer: string;
  /** FAQ and library (issue 11): an entry by the owner, a word only its answer holds; an item a member added. */
  faq: string;
  faqWord: string;
  libraryItem: string;
  /** Expert office hours (issue 11): a session a member scheduled. */
  officeHour: string;
};

type World = {
  actors: Record<Role, TestMember | null>;
  owner: TestMember;
  poster: TestMember;
  reporter: TestMember;
  groups: Record<Visibility, Fixture>;
};

/** What a case observed: a status, "allow" (2xx, possibly with a note), or a side channel's "visible"/"hidden". */
type Observed = "allow" | "visible" | "hidden" | number | string;
type Case = { role: Role; visibility: Visibility; kind: Kind; action: Action; expected: Expected };
type Result = Case & { observed: Observed };
type Step = { world: World; c: Case; as: TestMember | null; g: Fixture; once: (path: string) => Promise<ApiResponse> };
type Operation = (s: Step) => Promise<Observed>;
/** Does what should notify the `mentioned` members about a resource of the group; answers how to recognise it. */
type Trigger = (world: World, g: Fixture, mentioned: TestMember[]) => Promise<(n: any) => boolean>;

const RUN = crypto.randomUUID().replaceAll("-", "").slice(0, 10);
const TAG = `mx${RUN}`;
let fresh = 0;
/** A word nobody else writes, so that a search for it finds only the object it names. */
const word = (prefix: string) => `${prefix}${RUN}${++fresh}`;

/** Fails the fixture loudly: a setup step that does not work is no case of the matrix. */
function must(res: ApiResponse, status: number, what: string): ApiResponse {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
  return res;
}

/** A 2xx is "allow" (noted when a list answers without the item it should hold); anything else is its status. */
function status(res: ApiResponse, holds?: (json: any) => boolean): Observed {
  if (res.status < 200 || res.status > 299) return res.status;
  return !holds || holds(res.json) ? "allow" : `allow (${res.status} without the item)`;
}

/** A side channel: visible when the item reaches the caller. */
function channel(res: ApiResponse, shows: (json: any) => boolean): Observed {
  if (res.status !== 200) return res.status;
  return shows(res.json) ? "visible" : "hidden";
}

/** Search for a word only one object holds: any hit at all tells the caller about it (title, snippet or count). */
async function searchFor(as: TestMember | null, text: string, id: string): Promise<Observed> {
  const res = await api(`/api/v1/search?q=${encodeURIComponent(text)}&limit=100`, { as });
  if (res.status !== 200) return res.status;
  const items: { id: string }[] = res.json.items;
  if (items.length === 0) return "hidden";
  return items.some((h) => h.id === id) ? "visible" : `visible (hits ${items.map((h) => h.id).join(", ")})`;
}

/** An attachment's status, its bytes read as bytes (the `api` helper would read a PNG as text). */
async function fileStatus(as: TestMember | null, id: string): Promise<Observed> {
  const res = await checkedFetch(`${ORIGIN}/api/v1/files/${id}`, { headers: { Origin: ORIGIN, ...(as && { Cookie: as.cookie }) } });
  await res.arrayBuffer();
  return res.status >= 200 && res.status < 300 ? "allow" : res.status;
}

async function newGroup(owner: TestMember, visibility: Visibility, name: string) {
  return must(await api("/api/v1/groups", { as: owner, body: { name, description: "Authorization matrix", visibility, kind: "community" } }), 201, `group ${visibility}`).json.id as string;
}

async function addTo(owner: TestMember, group: string, user: TestMember, role: "member" | "animator" = "member") {
  must(await api(`/api/v1/groups/${group}/members`, { as: owner, body: { userId: user.id, role } }), 201, `add ${user.handle}`);
}

async function postBy(author: TestMember, group: string, body: string, attachmentIds?: string[]) {
  return must(await api(`/api/v1/groups/${group}/posts`, { as: author, body: { body, ...(attachmentIds && { attachmentIds }) } }), 201, "post").json.id as string;
}

async function commentBy(author: TestMember, post: string, body: string) {
  return must(await api(`/api/v1/posts/${post}/comments`, { as: author, body: { body } }), 201, "comment").json.id as string;
}

const upload = (as: TestMember | null, filename: string) =>
  api(`/api/v1/uploads?filename=${encodeURIComponent(filename)}`, { as, raw: PNG, headers: { "Content-Type": "image/png" } });

/** A fresh group where the role's actor stands as in the fixture group of that visibility: joining changes things. */
async function groupForJoining(world: World, role: Role, visibility: Visibility) {
  const group = await newGroup(world.owner, visibility, `Join ${role} ${visibility} ${RUN}`);
  const actor = world.actors[role];
  if (actor && (role === "group-member" || role === "animator")) await addTo(world.owner, group, actor, role === "animator" ? "animator" : "member");
  if (actor && role === "pending" && visibility === "private") must(await api(`/api/v1/groups/${group}/join`, { as: actor, method: "POST" }), 202, "pending request");
  return group;
}

/** An incoming hook of the group, made by its owner; its secret URL. */
async function hookOf(owner: TestMember, group: string) {
  return must(await api(`/api/v1/groups/${group}/hooks`, { as: owner, body: { name: `Hook ${word("hk")}` } }), 201, "hook").json as { id: string; url: string };
}

async function ideaBy(author: TestMember, campaign: string, body: string) {
  return must(await api(`/api/v1/campaigns/${campaign}/ideas`, { as: author, body: { title: "An idea", body } }), 201, "idea").json.id as string;
}

async function faqBy(owner: TestMember, group: string, answer: string) {
  return must(await api(`/api/v1/groups/${group}/faq`, { as: owner, body: { question: "How do I start?", answer } }), 201, "faq entry").json.id as string;
}

async function officeHourBy(member: TestMember, group: string) {
  return must(await api("/api/v1/office-hours", { as: member, body: { groupId: group, topic: `Ask me ${word("oh")}`, startsAt: Date.now() + 3600_000, durationMinutes: 60 } }), 201, "office hour").json.id as string;
}

async function libraryItemBy(member: TestMember, group: string) {
  const uploaded = must(await upload(member, `guide-${word("lb")}.png`), 201, "upload").json.id as string;
  return must(await api(`/api/v1/groups/${group}/library`, { as: member, body: { uploadId: uploaded, folder: "Guides" } }), 201, "library item").json.id as string;
}

const freshPost = (s: Step) => postBy(s.world.poster, s.g.group, `A fresh post ${word("fp")}`);
const freshComment = (s: Step) => commentBy(s.world.poster, s.g.post, `A fresh comment ${word("fc")}`);
const feedHas = (s: Step, has: (post: any) => boolean) => s.once("/api/v1/feed?limit=100").then((res) => channel(res, (j) => j.items.some(has)));

/** How each action is done on each kind of resource (notifications aside, see TRIGGERS); the table says which cells exist. */
const OPERATIONS: Record<Kind, Partial<Record<Action, Operation>>> = {
  group: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}`, { as: s.as })),
    list: async (s) => channel(await api(`/api/v1/groups?q=${s.g.groupWord}&limit=100`, { as: s.as }), (j) => j.items.some((x: any) => x.id === s.g.group)),
    search: (s) => searchFor(s.as, s.g.groupWord, s.g.group),
    feed: async (s) => channel(await s.once("/api/v1/feed?limit=100"), (j) => j.unreadGroups.some((x: any) => x.id === s.g.group)),
    create: async (s) =>
      status(await api("/api/v1/groups", { as: s.as, body: { name: `Opened by ${s.c.role} ${word("og")}`, description: "", visibility: s.c.visibility, kind: "project" } })),
    update: async (s) => status(await api(`/api/v1/groups/${s.g.group}`, { as: s.as, method: "PATCH", body: { description: `Edited by ${s.c.role}` } })),
  },
  posts: {
    read: async (s) => status(await api(`/api/v1/posts/${s.g.post}`, { as: s.as })),
    list: async (s) => status(await s.once(`/api/v1/groups/${s.g.group}/posts?limit=100`), (j) => j.items.some((p: any) => p.id === s.g.post)),
    search: (s) => searchFor(s.as, s.g.postWord, s.g.post),
    feed: (s) => feedHas(s, (p) => p.id === s.g.post),
    create: async (s) => status(await api(`/api/v1/groups/${s.g.group}/posts`, { as: s.as, body: { body: `Posted by ${s.c.role}` } })),
    update: async (s) => status(await api(`/api/v1/posts/${await freshPost(s)}`, { as: s.as, method: "PATCH", body: { body: `Rewritten by ${s.c.role}` } })),
    delete: async (s) => status(await api(`/api/v1/posts/${await freshPost(s)}`, { as: s.as, method: "DELETE" })),
  },
  comments: {
    read: async (s) => status(await api(`/api/v1/comments/${s.g.comment}`, { as: s.as }), (j) => j.id === s.g.comment),
    list: async (s) => status(await api(`/api/v1/posts/${s.g.post}/comments?limit=100`, { as: s.as }), (j) => j.items.some((x: any) => x.id === s.g.comment)),
    search: (s) => searchFor(s.as, s.g.commentWord, s.g.comment),
    create: async (s) => status(await api(`/api/v1/posts/${s.g.post}/comments`, { as: s.as, body: { body: `Commented by ${s.c.role}` } })),
    update: async (s) => status(await api(`/api/v1/comments/${await freshComment(s)}`, { as: s.as, method: "PATCH", body: { body: `Rewritten by ${s.c.role}` } })),
    delete: async (s) => status(await api(`/api/v1/comments/${await freshComment(s)}`, { as: s.as, method: "DELETE" })),
  },
  attachments: {
    read: (s) => fileStatus(s.as, s.g.file),
    list: async (s) => status(await s.once(`/api/v1/groups/${s.g.group}/posts?limit=100`), (j) => j.items.some((p: any) => p.attachments.some((a: any) => a.id === s.g.file))),
    search: (s) => searchFor(s.as, s.g.fileWord, s.g.file),
    feed: (s) => feedHas(s, (p) => p.attachments.some((a: any) => a.id === s.g.file)),
    create: async (s) => {
      const up = await upload(s.as, `by-${s.c.role}.png`);
      if (up.status !== 201) return up.status;
      return status(await api(`/api/v1/groups/${s.g.group}/posts`, { as: s.as, body: { body: `See attached, ${s.c.role}`, attachmentIds: [up.json.id] } }));
    },
  },
  members: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}/members?limit=100`, { as: s.as }), (j) => j.items.some((m: any) => m.member.id === s.world.poster.id)),
    list: async (s) => {
      const pending = s.world.actors.pending!.id;
      const holds = s.c.visibility === "private" ? (j: any) => j.items.some((m: any) => m.member.id === pending) : undefined;
      return status(await api(`/api/v1/groups/${s.g.group}/members?state=pending&limit=100`, { as: s.as }), holds);
    },
    create: async (s) => status(await api(`/api/v1/groups/${await groupForJoining(s.world, s.c.role, s.c.visibility)}/join`, { as: s.as, method: "POST" })),
    update: async (s) => {
      const newcomer = await createMember({ name: `Newcomer ${word("nw")}` });
      if (s.c.visibility === "private") must(await api(`/api/v1/groups/${s.g.group}/join`, { as: newcomer, method: "POST" }), 202, "request to approve");
      return status(await api(`/api/v1/groups/${s.g.group}/members`, { as: s.as, body: { userId: newcomer.id } }));
    },
    delete: async (s) => {
      const leaving = await createMember({ name: `Leaving ${word("lv")}` });
      await addTo(s.world.owner, s.g.group, leaving);
      return status(await api(`/api/v1/groups/${s.g.group}/members/${leaving.id}`, { as: s.as, method: "DELETE" }));
    },
  },
  reports: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}/reports?limit=100`, { as: s.as }), (j) => j.items.some((r: any) => r.id === s.g.report)),
    list: async (s) => status(await api("/api/v1/moderation/reports?limit=100", { as: s.as }), (j) => j.items.some((r: any) => r.id === s.g.report)),
    create: async (s) => status(await api(`/api/v1/posts/${s.g.reportable}/report`, { as: s.as, body: { reason: `Reported by ${s.c.role}` } })),
    update: async (s) => status(await api(`/api/v1/posts/${await freshPost(s)}/hide`, { as: s.as, method: "POST" })),
    delete: async (s) => {
      const report = must(await api(`/api/v1/comments/${await freshComment(s)}/report`, { as: s.world.reporter, body: { reason: "Needs a look" } }), 201, "report").json.id as string;
      return status(await api(`/api/v1/moderation/reports/${report}/dismiss`, { as: s.as, method: "POST" }));
    },
  },
  hooks: {
    read: async (s) => status(await api(`/api/v1/posts/${s.g.hookPost}`, { as: s.as })),
    list: async (s) => status(await api(`/api/v1/groups/${s.g.group}/hooks`, { as: s.as })),
    search: (s) => searchFor(s.as, s.g.hookPostWord, s.g.hookPost),
    feed: (s) => feedHas(s, (p) => p.id === s.g.hookPost),
    create: async (s) => status(await api(`/api/v1/groups/${s.g.group}/hooks`, { as: s.as, body: { name: `Made by ${s.c.role}` } })),
    delete: async (s) => status(await api(`/api/v1/groups/${s.g.group}/hooks/${(await hookOf(s.world.owner, s.g.group)).id}`, { as: s.as, method: "DELETE" })),
  },
  ideas: {
    read: async (s) => status(await api(`/api/v1/ideas/${s.g.idea}`, { as: s.as })),
    list: async (s) => status(await api(`/api/v1/campaigns/${s.g.campaign}/ideas?sort=new&limit=100`, { as: s.as }), (j) => j.items.some((x: any) => x.id === s.g.idea)),
    search: (s) => searchFor(s.as, s.g.ideaWord, s.g.idea),
    feed: (s) => feedHas(s, (p) => p.id === s.g.idea),
    create: async (s) => status(await api(`/api/v1/campaigns/${s.g.campaign}/ideas`, { as: s.as, body: { title: `By ${s.c.role}`, body: "An idea of mine" } })),
    update: async (s) => status(await api(`/api/v1/ideas/${await ideaBy(s.world.poster, s.g.campaign, `A fresh idea ${word("fi")}`)}/status`, { as: s.as, method: "PATCH", body: { status: "studied", reason: "We look" } })),
  },
  questions: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}/promise`, { as: s.as })),
    list: async (s) => channel(await api(`/api/v1/questions?groupId=${s.g.group}&limit=100`, { as: s.as }), (j) => j.items.some((x: any) => x.id === s.g.question)),
    search: (s) => searchFor(s.as, s.g.questionWord, s.g.question),
    feed: (s) => feedHas(s, (p) => p.id === s.g.question),
    create: async (s) => status(await api(`/api/v1/comments/${s.g.answer}/vote`, { as: s.as, method: "PUT" })),
    update: async (s) => status(await api(`/api/v1/posts/${s.g.question}/accept`, { as: s.as, body: { commentId: s.g.answer } })),
    delete: async (s) => status(await api(`/api/v1/comments/${s.g.answer}/vote`, { as: s.as, method: "DELETE" })),
  },
  promises: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}/support-members`, { as: s.as })),
    list: async (s) => status(await api(`/api/v1/groups/${s.g.group}/question-stats`, { as: s.as })),
    create: async (s) => status(await api(`/api/v1/groups/${s.g.group}/support-members`, { as: s.as, method: "PUT", body: { userIds: [s.world.reporter.id] } })),
    update: async (s) => status(await api(`/api/v1/groups/${s.g.group}/promise`, { as: s.as, method: "PUT", body: { mode: "calendar", hours: 4 } })),
  },
  faq: {
    read: async (s) => status(await api(`/api/v1/groups/${s.g.group}/faq?limit=100`, { as: s.as }), (j) => j.items.some((e: any) => e.id === s.g.faq)),
    search: (s) => searchFor(s.as, s.g.faqWord, s.g.faq),
    create: async (s) => status(await api(`/api/v1/groups/${s.g.group}/faq`, { as: s.as, body: { question: `Asked by ${s.c.role}?`, answer: "Yes." } })),
    update: async (s) => status(await api(`/api/v1/faq/${await faqBy(s.world.owner, s.g.group, `A fresh answer ${word("fq")}`)}`, { as: s.as, method: "PATCH", body: { answer: `Rewritten by ${s.c.role}` } })),
    delete: async (s) => status(await api(`/api/v1/faq/${await faqBy(s.world.owner, s.g.group, `A fresh answer ${word("fq")}`)}`, { as: s.as, method: "DELETE" })),
  },
  library: {
    read: async (s) => {
      const item = status(await api(`/api/v1/library/${s.g.libraryItem}`, { as: s.as }), (j) => j.id === s.g.libraryItem);
      if (item !== "allow") return item;
      const file = await checkedFetch(`${ORIGIN}/api/v1/library/${s.g.libraryItem}/download`, { headers: { Origin: ORIGIN, ...(s.as && { Cookie: s.as.cookie }) } });
      await file.arrayBuffer();
      return file.status === 200 ? "allow" : `download answered ${file.status}`;
    },
    list: async (s) => status(await s.once(`/api/v1/groups/${s.g.group}/library?limit=100`), (j) => j.items.some((i: any) => i.id === s.g.libraryItem)),
    create: async (s) => {
      const up = await upload(s.as, `by-${s.c.role}.png`);
      if (up.status !== 201) return up.status;
      return status(await api(`/api/v1/groups/${s.g.group}/library`, { as: s.as, body: { uploadId: up.json.id } }));
    },
    update: async (s) => {
      const up = await upload(s.as, `v2-by-${s.c.role}.png`);
      if (up.status !== 201) return up.status;
      return status(await api(`/api/v1/library/${s.g.libraryItem}/versions`, { as: s.as, body: { uploadId: up.json.id } }));
    },
    delete: async (s) => status(await api(`/api/v1/library/${await libraryItemBy(s.world.poster, s.g.group)}`, { as: s.as, method: "DELETE" })),
  },
  officehours: {
    read: async (s) => status(await api(`/api/v1/office-hours/${s.g.officeHour}`, { as: s.as }), (j) => j.id === s.g.officeHour),
    list: async (s) => channel(await api(`/api/v1/office-hours?groupId=${s.g.group}&limit=100`, { as: s.as }), (j) => j.items.some((o: any) => o.id === s.g.officeHour)),
    create: async (s) => status(await api("/api/v1/office-hours", { as: s.as, body: { groupId: s.g.group, topic: `Held by ${s.c.role}`, startsAt: Date.now() + 3600_000, durationMinutes: 30 } })),
    delete: async (s) => status(await api(`/api/v1/office-hours/${await officeHourBy(s.world.poster, s.g.group)}`, { as: s.as, method: "DELETE" })),
  },
};

/**
 * The notification cells: one trigger per resource and group mentions every role at once (or, for members, is one
 * join request); each role's bell is read before and after.
 */
const TRIGGERS: Partial<Record<Kind, Trigger>> = {
  posts: async (world, g, mentioned) => {
    const id = await postBy(world.poster, g.group, `Over to ${mentioned.map((m) => `@${m.handle}`).join(" ")} ${word("np")}`);
    return (n) => n.post?.id === id;
  },
  comments: async (world, g, mentioned) => {
    const id = await commentBy(world.poster, g.post, `What do ${mentioned.map((m) => `@${m.handle}`).join(" ")} think? ${word("nc")}`);
    return (n) => n.commentId === id;
  },
  members: async (world, g) => {
    const asker = await createMember({ name: `Asker ${word("ak")}` });
    must(await api(`/api/v1/groups/${g.group}/join`, { as: asker, method: "POST" }), 202, "join request");
    return (n) => n.kind === "join_request" && n.actor?.id === asker.id;
  },
};

const bell = (as: TestMember | null) => api("/api/v1/notifications?limit=100", { as });

/**
 * Whether the notification reached the caller: listed, or counted — the unread count moving by more than the new
 * notifications listed tells of something the list hides, and that is a leak too.
 */
function reached(before: ApiResponse, after: ApiResponse, isIt: (n: any) => boolean): Observed {
  if (before.status !== 200) return before.status;
  if (after.status !== 200) return `bell answered ${after.status} after the trigger`;
  const known = new Set<string>(before.json.items.map((n: any) => n.id));
  const added = after.json.items.filter((n: any) => !known.has(n.id));
  if (added.some(isIt)) return "visible";
  const unlisted = after.json.unread - before.json.unread - added.filter((n: any) => !n.read).length;
  return unlisted > 0 ? `visible (unread +${unlisted}, not listed)` : "hidden";
}

/** One network: the three groups with their content, and one actor per role. */
async function buildWorld(): Promise<World> {
  const owner = await createMember({ name: "Olive Owner" });
  const poster = await createMember({ name: "Paul Poster" });
  const reporter = await createMember({ name: "Rita Reporter" });
  const admin = await createMember({ name: "Ada Admin", role: "admin" });
  const actors: Record<Role, TestMember | null> = {
    anonymous: null,
    deactivated: await createMember({ name: "Dan Deactivated" }),
    guest: await createMember({ name: "Gus Guest", role: "guest" }),
    member: await createMember({ name: "Mia Member" }),
    "non-member": await createMember({ name: "Nora Nonmember" }),
    pending: await createMember({ name: "Pia Pending" }),
    "group-member": await createMember({ name: "Greg Groupmember" }),
    animator: await createMember({ name: "Ani Animator" }),
    owner,
    admin,
  };
  const groupIds = {} as Record<Visibility, { group: string; groupWord: string }>;
  for (const visibility of VISIBILITIES) {
    const groupWord = word(`g${visibility}`);
    const group = await newGroup(owner, visibility, `Matrix ${visibility} ${groupWord}`);
    for (const user of [poster, reporter, actors["group-member"]!, actors.deactivated!]) await addTo(owner, group, user);
    await addTo(owner, group, actors.animator!, "animator");
    groupIds[visibility] = { group, groupWord };
  }
  must(await api(`/api/v1/groups/${groupIds.private.group}/join`, { as: actors.pending, method: "POST" }), 202, "pending request");
  must(await api(`/api/v1/me/follows/members/${poster.id}`, { as: actors.member, method: "PUT" }), 200, "follow the poster");
  must(await api(`/api/v1/me/follows/tags/${TAG}`, { as: actors.member, method: "PUT" }), 200, "follow the tag");
  must(await api(`/api/v1/admin/users/${actors.deactivated!.id}/deactivate`, { as: admin, method: "POST" }), 204, "deactivate");

  // Content last, so that each member's groups have posts they have not seen yet (the feed's unreadGroups).
  const groups = {} as Record<Visibility, Fixture>;
  for (const visibility of VISIBILITIES) {
    const { group, groupWord } = groupIds[visibility];
    const postWord = word(`p${visibility}`);
    const commentWord = word(`c${visibility}`);
    const fileWord = word(`f${visibility}`);
    const post = await postBy(poster, group, `Plans for the quarter ${postWord} #${TAG}`);
    const comment = await commentBy(poster, post, `And a detail ${commentWord}`);
    const file = must(await upload(poster, `${fileWord}.png`), 201, "upload").json.id as string;
    const attachmentPost = await postBy(poster, group, `The floor plan, attached #${TAG}`, [file]);
    const reportable = await postBy(poster, group, `Something to look at ${word("rp")}`);
    const report = must(await api(`/api/v1/posts/${reportable}/report`, { as: reporter, body: { reason: "Off topic here" } }), 201, "report").json.id as string;
    const hookPostWord = word(`h${visibility}`);
    const hook = await hookOf(owner, group);
    const hookPost = must(await send(new URL(hook.url).pathname, { body: { text: `Build passed ${hookPostWord} #${TAG}` }, origin: null }), 201, "hook post").json.postId as string;
    const campaign = must(
      await api("/api/v1/campaigns", { as: owner, body: { title: `Campaign ${visibility}`, brief: "", groupId: group, startsAt: Date.now() - 60_000, endsAt: Date.now() + 24 * 3600_000 } }),
      201,
      "campaign",
    ).json.id as string;
    const ideaWord = word(`i${visibility}`);
    const idea = await ideaBy(poster, campaign, `An idea ${ideaWord}`);
    const questionWord = word(`q${visibility}`);
    const question = must(await api(`/api/v1/groups/${group}/posts`, { as: poster, body: { kind: "question", title: "A question", body: `How do I ${questionWord}?`, tags: [TAG] } }), 201, "question").json.id as string;
    const answer = await commentBy(reporter, question, "Like this");
    const faqWord = word(`q${visibility}`);
    const faq = await faqBy(owner, group, `Ask the desk ${faqWord}`);
    const libraryItem = await libraryItemBy(poster, group);
    const officeHour = await officeHourBy(poster, group);
    groups[visibility] = { group, groupWord, post, postWord, comment, commentWord, file, fileWord, attachmentPost, reportable, report, hookPost, hookPostWord, campaign, idea, ideaWord, question, questionWord, answer, faq, faqWord, libraryItem, officeHour };
  }
  return { actors, owner, poster, reporter, groups };
}

/** Every cell of the table that is not "n/a". */
function cases(): Case[] {
  return ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      VISIBILITIES.flatMap((visibility) =>
        KINDS.map((kind) => ({ role, visibility, kind, action, expected: EXPECTED[role][`${visibility} ${kind}` as Resource][action] })).filter((c) => c.expected !== "n/a"),
      ),
    ),
  );
}

const LANES = 6;

async function runCase(world: World, c: Case, once: (role: Role, path: string) => Promise<ApiResponse>): Promise<Result> {
  const operation = OPERATIONS[c.kind][c.action];
  if (!operation) return { ...c, observed: "no operation for this cell" };
  const as = world.actors[c.role];
  try {
    return { ...c, observed: await operation({ world, c, as, g: world.groups[c.visibility], once: (path) => once(c.role, path) }) };
  } catch (error) {
    return { ...c, observed: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The notification cells of one resource: every role's bell before, one trigger, every bell after. */
async function runNotifications(world: World, cells: Case[]): Promise<Result[]> {
  const { visibility, kind } = cells[0];
  const trigger = TRIGGERS[kind];
  if (!trigger) return cells.map((c) => ({ ...c, observed: "no trigger for this cell" }));
  try {
    const before = await Promise.all(cells.map((c) => bell(world.actors[c.role])));
    const mentioned = cells.flatMap((c) => world.actors[c.role] ?? []);
    const isIt = await trigger(world, world.groups[visibility], mentioned);
    const after = await Promise.all(cells.map((c, i) => (before[i].status === 200 ? bell(world.actors[c.role]) : before[i])));
    return cells.map((c, i) => ({ ...c, observed: reached(before[i], after[i], isIt) }));
  } catch (error) {
    return cells.map((c) => ({ ...c, observed: `error: ${error instanceof Error ? error.message : String(error)}` }));
  }
}

/**
 * One action at a time, in the table's order, so that reads and side channels run before anything writes; within an
 * action, cases run side by side in lanes, and a read-only answer (the feed, a group's posts) is fetched once per role.
 */
async function runCases(world: World): Promise<Result[]> {
  const out: Result[] = [];
  for (const action of ACTIONS) {
    const batch = cases().filter((c) => c.action === action);
    if (action === "notification") {
      for (const visibility of VISIBILITIES)
        for (const kind of KINDS) {
          const cells = batch.filter((c) => c.visibility === visibility && c.kind === kind);
          if (cells.length) out.push(...(await runNotifications(world, cells)));
        }
      continue;
    }
    const memo = new Map<string, Promise<ApiResponse>>();
    const once = (role: Role, path: string) => {
      const key = `${role} ${path}`;
      if (!memo.has(key)) memo.set(key, api(path, { as: world.actors[role] }));
      return memo.get(key)!;
    };
    const lanes = Array.from({ length: LANES }, (_, lane) => batch.filter((_c, i) => i % LANES === lane));
    const done = await Promise.all(
      lanes.map(async (lane) => {
        const got: Result[] = [];
        for (const c of lane) got.push(await runCase(world, c, once));
        return got;
      }),
    );
    out.push(...done.flat());
  }
  return out;
}

const allows = (o: Observed | Expected) => o === "visible" || (typeof o === "string" && o.startsWith("allow"));
const line = (r: Result) => `${r.role} / ${r.visibility} ${r.kind} / ${r.action}: expected ${r.expected}, got ${r.observed}`;
const results: Result[] = [];

describe("authorization matrix", () => {
  beforeAll(async () => {
    // The request log of a thousand calls would bury the report: what the matrix prints is what matters here.
    const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      results.push(...(await runCases(await buildWorld())));
    } finally {
      quiet.mockRestore();
    }
    const unexpected = results.filter((r) => allows(r.observed) && !allows(r.expected));
    const mismatches = results.filter((r) => r.observed !== r.expected);
    console.log(`authorization matrix: ${results.length} cases, ${unexpected.length} unexpected allows, ${mismatches.length} mismatches`);
    if (mismatches.length) console.log(mismatches.map(line).join("\n"));
  }, 1_200_000);

  it("covers every role × resource × action, with n/a cells alike for every role", () => {
    const resources = VISIBILITIES.flatMap((v) => KINDS.map((k) => `${v} ${k}` as Resource));
    for (const role of ROLES) {
      expect(Object.keys(EXPECTED[role]).sort()).toEqual([...resources].sort());
      for (const resource of resources) {
        expect(Object.keys(EXPECTED[role][resource]).sort()).toEqual([...ACTIONS].sort());
        for (const action of ACTIONS) expect(EXPECTED[role][resource][action] === "n/a", `${role} ${resource} ${action}`).toBe(EXPECTED.admin[resource][action] === "n/a");
      }
    }
    expect(results.length).toBe(cases().length);
    expect(results.length).toBeGreaterThan(1000);
  });

  it("allows nothing the product rules deny, by status or side channel", () => {
    const unexpected = results.filter((r) => allows(r.observed) && !allows(r.expected));
    expect(unexpected.length, `unexpected allows:\n${unexpected.map(line).join("\n")}`).toBe(0);
  });

  it("answers every case as the table says", () => {
    const mismatches = results.filter((r) => r.observed !== r.expected);
    expect(mismatches.length, `mismatches:\n${mismatches.map(line).join("\n")}`).toBe(0);
  });
});
