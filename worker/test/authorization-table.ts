/**
 * Who may do what to a group's content, written out by hand from the product rules (PRODUCT.md, API.md
 * "Conversation", the rules of the authorization-matrix issue) — deliberately not computed from
 * services/access/, so that the code and this table can disagree. worker/routes/authorization-matrix.test.ts
 * runs every cell through HTTP and the side channels (feed, search, notifications).
 *
 * A cell is what the caller must observe:
 * - "allow": a 2xx answer (and, for a list, the fixture item in it);
 * - 401 / 403 / 404: that refusal;
 * - "visible" / "hidden": whether the item reaches the caller through a side channel (a list, search, the feed, the
 *   notification bell — its unread count included);
 * - "n/a": the action has no meaning for that resource (no such endpoint, or the same path as another cell). Such
 *   cells are the same for every role and are not run.
 *
 * What each action means, per resource (the group under test is open, private or secret):
 * - group: read GET /groups/:id · list GET /groups?q= · search GET /search?q=<its name> · feed the feed's
 *   `unreadGroups` · create POST /groups with that visibility · update PATCH /groups/:id.
 * - posts: read GET /posts/:id · list GET /groups/:id/posts · search · feed `items` · notification a new post
 *   @mentioning the caller · create POST /groups/:id/posts · update PATCH / delete DELETE /posts/:id of a fresh post
 *   written by another member (nobody here is its author: authors edit their own only).
 * - comments: read GET /comments/:id · list GET /posts/:id/comments · search · notification a new comment @mentioning
 *   the caller · create POST /posts/:id/comments · update PATCH / delete DELETE /comments/:id of a fresh comment by
 *   another member.
 * - attachments: read GET /files/:id · list the attachment in GET /groups/:id/posts · search (file name) · feed the
 *   attachment in the feed · create upload a PNG and post it with attachmentIds.
 * - members: read GET /groups/:id/members · list the pending requests (?state=pending) · notification the
 *   join_request sent when someone asks to join (private groups only: open groups admit at once, secret groups take
 *   no requests) · create POST /groups/:id/join (on a fresh group) · update add or approve a member POST
 *   /groups/:id/members · delete remove a member DELETE /groups/:id/members/:userId.
 * - reports: read the group's queue GET /groups/:id/reports · list the network's queue GET /moderation/reports ·
 *   create report a post · update hide a fresh post (POST /posts/:id/hide) · delete dismiss a fresh report (on a
 *   fresh comment) POST /moderation/reports/:id/dismiss.
 * - hooks (incoming hooks, issue 9): read GET /posts/:id of the post an integration made through the group's hook ·
 *   list GET /groups/:id/hooks · search (a word of that post) · feed that post in the feed (it carries the followed
 *   tag) · create POST /groups/:id/hooks · delete DELETE /groups/:id/hooks/:hookId of a fresh hook. A hook's post is
 *   read where the group's posts are; its hooks are managed by the group's animators, owners and administrators
 *   (403 to whoever else sees the group, 404 where they do not).
 * - ideas (issue 10): a campaign of the group (opened by its owner) and an idea in it by a member. read GET /ideas/:id ·
 *   list the idea in GET /campaigns/:id/ideas · search (a word of the idea) · feed the idea in the feed (a post of its
 *   group) · create POST /campaigns/:id/ideas · update PATCH /ideas/:id/status of a fresh idea. A campaign is seen where
 *   its group's content is read (404 elsewhere, the private group's outsiders included: a campaign is content); its
 *   members post ideas (403 to other readers, administrators included); its animators, owners and administrators move
 *   ideas along the funnel.
 *
 * - questions (issue 11): a question of the group by a member, answered by another. read GET /groups/:id/promise ·
 *   list the question in GET /questions?groupId= · search (a word of the question) · feed the question in the feed ·
 *   create vote the answer up (PUT /comments/:id/vote) · update accept the answer (POST /posts/:id/accept) · delete
 *   withdraw the vote (DELETE /comments/:id/vote). Whoever sees the group sees its promise; votes are for whoever takes
 *   part (never on one's own answer); the asker, the group's animators, owners and administrators accept.
 * - promises (issue 11): a group's promise, support members and figures. read GET /groups/:id/support-members · list
 *   GET /groups/:id/question-stats · create PUT /groups/:id/support-members · update PUT /groups/:id/promise. The
 *   figures and both changes are for the group's animators, owners and administrators (403 to whoever else sees the
 *   group, 404 where they do not).
 * - faq (issue 11): an entry of the group's FAQ, added by its owner. read GET /groups/:id/faq holding the entry ·
 *   search (a word of its answer) · create POST /groups/:id/faq · update PATCH / delete DELETE /faq/:id of a fresh entry.
 *   The FAQ is content: read where the group's content is (404 elsewhere, the private group's outsiders included);
 *   curated by the group's animators, owners and administrators (403 to other readers).
 * - library (issue 11): an item of the group's library, added by a member. read GET /library/:id and its download ·
 *   list GET /groups/:id/library holding the item · create upload a file and POST /groups/:id/library · update POST
 *   /library/:id/versions with one's own upload · delete DELETE /library/:id of a fresh item by another member. Read
 *   where the group's content is (404 elsewhere); its members add items and versions (403 to other readers,
 *   administrators outside the group included); the uploader, animators, owners and administrators delete.
 * - officehours (issue 11): an expert office hour of the group, scheduled by a member. read GET /office-hours/:id ·
 *   list GET /office-hours?groupId= holding it · create POST /office-hours in the group · delete DELETE
 *   /office-hours/:id of a fresh session by another member. A session is the group's content: read and listed where
 *   its posts are (404 / not listed elsewhere, the private group's outsiders included); its members schedule (403 to
 *   other readers who see the group, administrators outside it included); its expert, animators, owners and
 *   administrators cancel (403 to other readers).
 *
 * Roles, relative to the group under test:
 * - anonymous: no session. deactivated: a group member whose account an admin deactivated (dead session).
 * - guest: a network guest not added to the group.
 * - member: a network member outside the group who FOLLOWS the fixture posts' author and tag — the feed reaches
 *   people through follows too, so it must still drop what they may not read.
 * - non-member: a network member outside the group, following nobody.
 * - pending: asked to join the private group, not approved (an ordinary outsider of the open and secret groups).
 * - group-member, animator, owner: in the group with that role.
 * - admin: a network administrator who is not in the group.
 *
 * Decisions where the rules are silent (also in the report of the issue):
 * - An admin joining a secret group (members / create) gets 404, as API.md says of every join of a secret group:
 *   joining one is never self-service (its animators add members, and an admin may add themselves the same way).
 * - The join_request notification goes to the group's animators and owners only, not to every network admin (a
 *   network of 200,000 members cannot ping its admins for each request).
 * - An admin comments in an open group (every non-guest reader may) but not in a private or secret one: commenting is
 *   taking part, and admins "do not post unless members".
 * - Dismissing a report is 404 for anyone who does not moderate the group: a report is never shown to them, and a
 *   resource the caller may not see is not_found. The group's queue, on a group they know, is 403.
 * - The network's moderation queue is the administrators' (403 to everyone else, animators included).
 * - The feed holds one's groups and follows: an admin outside the group does not get its posts in their feed,
 *   though they may read them; `unreadGroups` names only the caller's own groups.
 * - Guests may not open groups (403), whatever the visibility.
 */
export const ROLES = ["anonymous", "deactivated", "guest", "member", "non-member", "pending", "group-member", "animator", "owner", "admin"] as const;
export const VISIBILITIES = ["open", "private", "secret"] as const;
export const KINDS = ["group", "posts", "comments", "attachments", "members", "reports", "hooks", "ideas", "questions", "promises", "faq", "library", "officehours"] as const;
export const ACTIONS = ["read", "list", "search", "feed", "notification", "create", "update", "delete"] as const;

export type Role = (typeof ROLES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Kind = (typeof KINDS)[number];
export type Resource = `${Visibility} ${Kind}`;
export type Action = (typeof ACTIONS)[number];
export type Expected = "allow" | "visible" | "hidden" | 401 | 403 | 404 | "n/a";
export type Row = Record<Action, Expected>;

export const EXPECTED: Record<Role, Record<Resource, Row>> = {
  anonymous: {
    "open group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "open comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "open attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "open members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "private comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "private attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "private members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "private reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "secret comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "secret attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "secret members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "private hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "secret hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "open ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "private questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "open promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "private officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "secret officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
  },
  deactivated: {
    "open group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "open comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "open attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "open members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "private comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "private attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "private members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "private reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret group": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret posts": { read: 401, list: 401, search: 401, feed: 401, notification: 401, create: 401, update: 401, delete: 401 },
    "secret comments": { read: 401, list: 401, search: 401, feed: "n/a", notification: 401, create: 401, update: 401, delete: 401 },
    "secret attachments": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: "n/a" },
    "secret members": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret reports": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "private hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "secret hooks": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "open ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret ideas": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "private questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret questions": { read: 401, list: 401, search: 401, feed: 401, notification: "n/a", create: 401, update: 401, delete: 401 },
    "open promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "private promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "secret promises": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: "n/a" },
    "open faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret faq": { read: 401, list: "n/a", search: 401, feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "private library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "secret library": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: 401, delete: 401 },
    "open officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "private officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
    "secret officehours": { read: 401, list: 401, search: "n/a", feed: "n/a", notification: "n/a", create: 401, update: "n/a", delete: 401 },
  },
  // Guests see only the groups they were added to: 404 for everything of these three, nothing in any side channel.
  guest: {
    "open group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: 404, delete: "n/a" },
    "open posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "open comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "open attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "open members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "private group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: 404, delete: "n/a" },
    "private posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "private members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: 404, delete: "n/a" },
    "secret posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "secret members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "private hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "secret hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "open ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "private ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "secret ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "private questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "private promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "secret promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "private faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "private library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "private officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "secret officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
  },
  // Follows the author and the tag: open posts reach their feed, private and secret ones must not.
  member: {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: 403, update: 403, delete: 403 },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 403 },
    "open reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "private posts": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "hidden", create: 403, update: 404, delete: 404 },
    "private comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private attachments": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "private members": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "hidden", create: "allow", update: 403, delete: 403 },
    "private reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: "allow", update: 404, delete: "n/a" },
    "secret posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "secret members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open hooks": { read: "allow", list: 403, search: "visible", feed: "visible", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private hooks": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "secret hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "secret ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "private questions": { read: "allow", list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "secret promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 404 },
    "secret officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
  },
  "non-member": {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "visible", create: 403, update: 403, delete: 403 },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 403 },
    "open reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "private posts": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "hidden", create: 403, update: 404, delete: 404 },
    "private comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private attachments": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "private members": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "hidden", create: "allow", update: 403, delete: 403 },
    "private reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: "allow", update: 404, delete: "n/a" },
    "secret posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "secret members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open hooks": { read: "allow", list: 403, search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private hooks": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "secret hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "secret ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "private questions": { read: "allow", list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "secret promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 404 },
    "secret officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
  },
  // Pending in the private group only; joining again answers the same 202 ("allow").
  pending: {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "visible", create: 403, update: 403, delete: 403 },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 403 },
    "open reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "private posts": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "hidden", create: 403, update: 404, delete: 404 },
    "private comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "private attachments": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "private members": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "hidden", create: "allow", update: 403, delete: 403 },
    "private reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret group": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: "allow", update: 404, delete: "n/a" },
    "secret posts": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret comments": { read: 404, list: 404, search: "hidden", feed: "n/a", notification: "hidden", create: 404, update: 404, delete: 404 },
    "secret attachments": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: "n/a" },
    "secret members": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret reports": { read: 404, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open hooks": { read: "allow", list: 403, search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private hooks": { read: 404, list: 403, search: "hidden", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "secret hooks": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: "n/a", delete: 404 },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "secret ideas": { read: 404, list: 404, search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "private questions": { read: "allow", list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret questions": { read: 404, list: "hidden", search: "hidden", feed: "hidden", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "secret promises": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret faq": { read: 404, list: "n/a", search: "hidden", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "secret library": { read: 404, list: 404, search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: 404, delete: 404 },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: 404 },
    "secret officehours": { read: 404, list: "hidden", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "n/a", delete: 404 },
  },
  // Reads, posts, comments; does not moderate; edits only their own (update targets someone else's).
  "group-member": {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: 403 },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 403 },
    "open reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "private posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: 403 },
    "private comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "private attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "private members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "hidden", create: "allow", update: 403, delete: 403 },
    "private reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "secret group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "secret posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: 403 },
    "secret comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: 403 },
    "secret attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "secret members": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 403 },
    "secret reports": { read: 403, list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: 403, delete: 404 },
    "open hooks": { read: "allow", list: 403, search: "visible", feed: "visible", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "private hooks": { read: "allow", list: 403, search: "visible", feed: "visible", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "secret hooks": { read: "allow", list: 403, search: "visible", feed: "visible", notification: "n/a", create: 403, update: "n/a", delete: 403 },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "private ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "secret ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "private questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "secret questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: 403, delete: "allow" },
    "open promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "private promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "secret promises": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "private faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "secret faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: 403 },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: 403 },
    "private library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: 403 },
    "secret library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: 403 },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: 403 },
    "private officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: 403 },
    "secret officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: 403 },
  },
  // Moderates the group: requests, members, reports, hide, delete others' content. Not the network's queue.
  animator: {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "private comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "private attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "private members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "visible", create: "allow", update: "allow", delete: "allow" },
    "private reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "secret comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "secret attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "secret members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "private hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "secret hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "private officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "secret officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
  },
  owner: {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "private comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "private attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "private members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "visible", create: "allow", update: "allow", delete: "allow" },
    "private reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret group": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret posts": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "secret comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "secret attachments": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "n/a" },
    "secret members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret reports": { read: "allow", list: 403, search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "private hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "secret hooks": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret ideas": { read: "allow", list: "allow", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret questions": { read: "allow", list: "visible", search: "visible", feed: "visible", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "private officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "secret officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
  },
  // Reads and moderates every group without being in it; does not post (nor, outside open groups, comment).
  admin: {
    "open group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open posts": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "visible", create: 403, update: 403, delete: "allow" },
    "open comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: "allow", update: 403, delete: "allow" },
    "open attachments": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "open members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open reports": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private posts": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "visible", create: 403, update: 403, delete: "allow" },
    "private comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: 403, update: 403, delete: "allow" },
    "private attachments": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "private members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "hidden", create: "allow", update: "allow", delete: "allow" },
    "private reports": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret group": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret posts": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "visible", create: 403, update: 403, delete: "allow" },
    "secret comments": { read: "allow", list: "allow", search: "visible", feed: "n/a", notification: "visible", create: 403, update: 403, delete: "allow" },
    "secret attachments": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "n/a", delete: "n/a" },
    "secret members": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 404, update: "allow", delete: "allow" },
    "secret reports": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open hooks": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "private hooks": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "secret hooks": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "n/a", delete: "allow" },
    "open ideas": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "allow", delete: "n/a" },
    "private ideas": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "allow", delete: "n/a" },
    "secret ideas": { read: "allow", list: "allow", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "allow", delete: "n/a" },
    "open questions": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private questions": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "allow", delete: 403 },
    "secret questions": { read: "allow", list: "visible", search: "visible", feed: "hidden", notification: "n/a", create: 403, update: "allow", delete: 403 },
    "open promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "private promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "secret promises": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "n/a" },
    "open faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "private faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "secret faq": { read: "allow", list: "n/a", search: "visible", feed: "n/a", notification: "n/a", create: "allow", update: "allow", delete: "allow" },
    "open library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "allow" },
    "private library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "allow" },
    "secret library": { read: "allow", list: "allow", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: 403, delete: "allow" },
    "open officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: "allow" },
    "private officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: "allow" },
    "secret officehours": { read: "allow", list: "visible", search: "n/a", feed: "n/a", notification: "n/a", create: 403, update: "n/a", delete: "allow" },
  },
};

/**
 * Outgoing webhooks (API.md "Integrations"), written out by hand: who gets what on each route. Endpoints, their
 * secrets and delivery logs are the administrators'; the event catalogue is every member's (guests included: it holds
 * no content). worker/routes/webhooks.test.ts runs every cell through HTTP.
 */
export const WEBHOOK_ROLES = ["anonymous", "guest", "member", "admin"] as const;
export const WEBHOOK_ROUTE_ACCESS: Record<string, Record<(typeof WEBHOOK_ROLES)[number], "allow" | 401 | 403>> = {
  "POST /api/v1/admin/webhooks": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/admin/webhooks": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/admin/webhooks/:id": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "PATCH /api/v1/admin/webhooks/:id": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "DELETE /api/v1/admin/webhooks/:id": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "POST /api/v1/admin/webhooks/:id/rotate": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "POST /api/v1/admin/webhooks/:id/test": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/admin/webhooks/:id/deliveries": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/admin/webhooks/:id/deliveries/:deliveryId": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/replay": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/webhooks/events": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
};

/**
 * Single sign-on (issue 12), written out by hand: the settings are the administrators'; the sign-in routes are public
 * (whoever is not signed in yet uses them), and answer a redirect to everyone. worker/routes/sso.test.ts runs every cell.
 */
export const SSO_ROLES = ["anonymous", "guest", "member", "admin"] as const;
export const SSO_ROUTE_ACCESS: Record<string, Record<(typeof SSO_ROLES)[number], "allow" | 401 | 403>> = {
  "GET /api/v1/admin/sso": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "PUT /api/v1/admin/sso": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/auth/sso/domain": { anonymous: "allow", guest: "allow", member: "allow", admin: "allow" },
  "GET /api/v1/auth/sso/start": { anonymous: "allow", guest: "allow", member: "allow", admin: "allow" },
  "GET /api/v1/auth/sso/callback": { anonymous: "allow", guest: "allow", member: "allow", admin: "allow" },
};

/**
 * The admin console (issue 12, API.md "Administration and privacy"), written out by hand: the administrators' routes
 * are theirs alone (animators included in "member": a group role gives nothing here); the network's public face is
 * everyone's, signed in or not. worker/routes/admin-console.test.ts runs every cell through HTTP.
 */
export const ADMIN_CONSOLE_ROLES = ["anonymous", "guest", "member", "animator", "admin"] as const;
export const ADMIN_CONSOLE_ROUTE_ACCESS: Record<string, Record<(typeof ADMIN_CONSOLE_ROLES)[number], "allow" | 401 | 403>> = {
  "GET /api/v1/admin/members": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "PATCH /api/v1/admin/members/:id": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "POST /api/v1/admin/invitations/:id/resend": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "GET /api/v1/admin/groups": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "GET /api/v1/admin/settings": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "PUT /api/v1/admin/settings": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "POST /api/v1/admin/scim-tokens": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "GET /api/v1/admin/scim-tokens": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "DELETE /api/v1/admin/scim-tokens/:id": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "GET /api/v1/admin/audit": { anonymous: 401, guest: 403, member: 403, animator: 403, admin: "allow" },
  "GET /api/v1/network": { anonymous: "allow", guest: "allow", member: "allow", animator: "allow", admin: "allow" },
};

/**
 * The member's own data (API.md "Administration and privacy", issue 12), written out by hand: every member (guests
 * included) downloads and erases their own data, never anyone else's; erasing someone else is the administrators'.
 * worker/routes/privacy.test.ts runs every cell through HTTP ("allow": 200 for the export, 204 for an erasure).
 */
export const PRIVACY_ROLES = ["anonymous", "guest", "member", "admin"] as const;
export const PRIVACY_ROUTE_ACCESS: Record<string, Record<(typeof PRIVACY_ROLES)[number], "allow" | 401 | 403>> = {
  "GET /api/v1/me/export": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
  "DELETE /api/v1/me": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
  "DELETE /api/v1/admin/members/:id": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
};

/**
 * Following and muting a post's thread (issue 14, API.md "Devices and push"), written out by hand: whoever may read the
 * post may follow or mute its thread ("allow": 204); whoever may not gets 404, as for the post itself (guests outside
 * the group, outsiders of a private or secret group). Administrators read every group's posts, so they may too.
 * worker/routes/thread-follows.test.ts runs every cell through HTTP, on a post of an open, a private and a secret group.
 */
export const THREAD_FOLLOW_ROLES = ["anonymous", "guest", "non-member", "group-member", "admin"] as const;
const THREAD_FOLLOW_CELLS: Record<Visibility, Record<(typeof THREAD_FOLLOW_ROLES)[number], "allow" | 401 | 404>> = {
  open: { anonymous: 401, guest: 404, "non-member": "allow", "group-member": "allow", admin: "allow" },
  private: { anonymous: 401, guest: 404, "non-member": 404, "group-member": "allow", admin: "allow" },
  secret: { anonymous: 401, guest: 404, "non-member": 404, "group-member": "allow", admin: "allow" },
};
export const THREAD_FOLLOW_ROUTE_ACCESS: Record<string, Record<Visibility, Record<(typeof THREAD_FOLLOW_ROLES)[number], "allow" | 401 | 404>>> = {
  "PUT /api/v1/posts/:id/follow": THREAD_FOLLOW_CELLS,
  "DELETE /api/v1/posts/:id/follow": THREAD_FOLLOW_CELLS,
  "PUT /api/v1/posts/:id/mute": THREAD_FOLLOW_CELLS,
  "DELETE /api/v1/posts/:id/mute": THREAD_FOLLOW_CELLS,
};

/**
 * Web push (API.md "Devices and push", issue 14), written out by hand: every signed-in member (guests included) turns
 * notifications on and off for their own browsers; the key is theirs to read too. Another member's subscription is
 * not found (404): worker/routes/push.test.ts runs every cell through HTTP ("allow": 200, 201, 204).
 */
export const PUSH_ROLES = ["anonymous", "guest", "member", "admin"] as const;
export const PUSH_ROUTE_ACCESS: Record<string, Record<(typeof PUSH_ROLES)[number], "allow" | 401 | 403 | 404>> = {
  "GET /api/v1/push/key": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
  "POST /api/v1/me/push-subscriptions": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
  "DELETE /api/v1/me/push-subscriptions/:id": { anonymous: 401, guest: "allow", member: "allow", admin: "allow" },
  "DELETE /api/v1/me/push-subscriptions/:id (another member's)": { anonymous: 401, guest: 404, member: 404, admin: 404 },
};

/**
 * The coffee machine (its rooms, pairing and room tickets), written out by hand: it is the internal
 * network's, so guests get 404 on every member route (the feature does not exist for them) and 403 on the
 * administrators' routes, like every admin route. A pair room and a pairing are their members' alone: anyone else —
 * administrators included, who have no business in two colleagues' coffee — gets 404, as for what they may not see.
 * worker/routes/coffee-access.test.ts runs every cell through HTTP ("allow": 200, 201 or 204).
 */
export const COFFEE_ROLES = ["anonymous", "guest", "member", "admin"] as const;
export const COFFEE_ROUTE_ACCESS: Record<string, Record<(typeof COFFEE_ROLES)[number], "allow" | 401 | 403 | 404>> = {
  "GET /api/v1/coffee/rooms": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "POST /api/v1/coffee/rooms": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "GET /api/v1/coffee/rooms/:id/ticket (an open room)": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "GET /api/v1/coffee/rooms/:id/ticket (a pair room of theirs)": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "GET /api/v1/coffee/rooms/:id/ticket (another pair's room)": { anonymous: 401, guest: 404, member: 404, admin: 404 },
  "GET /api/v1/me/coffee-pairing": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "PUT /api/v1/me/coffee-pairing": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "POST /api/v1/coffee/pairings/:id/outcome (a pairing of theirs)": { anonymous: 401, guest: 404, member: "allow", admin: "allow" },
  "POST /api/v1/coffee/pairings/:id/outcome (another pairing)": { anonymous: 401, guest: 404, member: 404, admin: 404 },
  "POST /api/v1/admin/coffee/pairing/run": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
  "GET /api/v1/admin/coffee/connections": { anonymous: 401, guest: 403, member: 403, admin: "allow" },
};
