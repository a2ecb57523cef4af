/**
 * How the catalogues are split into files (words-plugin.ts does it at build time; en.ts and fr.ts stay whole).
 * - The "core" part, loaded before the first render, holds every key the first page's modules name (the sign-in
 *   page, the frame, the home feed, post cards, errors), plus the whole of the prefixes mapped to "core" below.
 * - Every other key goes to its prefix's part, loaded with each screen that names that prefix (in parallel with the
 *   screen's code). A prefix not listed here is a part of its own: a new feature's words need no line here.
 * - To group a prefix with others that always come together (fewer files), or to put a small, shared one whole in
 *   the core, add one line `prefix: "part",` at the end of the relevant block.
 */
export const PART_OF: Record<string, string> = {
  // Small and used everywhere: whole in the first page's words.
  common: "core",
  errors: "core",
  nav: "core",
  time: "core",
  menu: "core",
  kind: "core",
  notFound: "core",
  reaction: "core",
  rating: "core",
  outbox: "core",

  // The administration console.
  console: "admin",
  webhooks: "admin",
  invitations: "admin",
  charterAdmin: "admin",
  deliveries: "admin",
  sso: "admin",
  role: "admin",
  reports: "admin",

  // Writing: the composer and editing.
  edit: "composer",
  upload: "composer",

  // A post's page (and an idea's, a question's): comments and the thread around them.
  comments: "thread",
  typing: "thread",
  report: "thread",
  follow: "thread",
  faq: "thread",

  // A group's page and its tabs.
  groupKind: "groups",
  groupRole: "groups",
  members: "groups",
  requests: "groups",
  groupAudit: "groups",
  hooks: "groups",
  library: "groups",
  avatar: "groups",

  // Coffee.
  pairing: "coffee",

  // The member's own pages and settings.
  profile: "people",
  privacy: "settings",
  push: "settings",
  quiet: "settings",
  tokens: "settings",
  copy: "settings",
  notif: "notifications",
  notify: "notifications",

  // Joining: an invitation, the charter.
  gate: "charter",
  invite: "charter",

  // Search and tags.
  tagPage: "search",
  tags: "search",
};
