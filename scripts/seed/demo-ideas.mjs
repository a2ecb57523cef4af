// The ideas layer of the demo network (issue 10): an open network-wide campaign, "Transformation 2027", with ideas from
// every department and site (Key Accounts bring far more than their share: the per-100-members view tells it), its
// supports and a few answered ideas; a closed campaign with retained and implemented ideas; and the Toolbox group's
// permanent idea box. Everything goes through the API, as the rest of the seed does.

const DAY = 24 * 3600 * 1000;

/** Ideas each member posts in the open campaign, by department (guests post none: the campaign is network-wide). */
const IDEAS_PER_PERSON = { "Key Accounts": 3, IT: 2, "Customer Support": 2, Operations: 1, HR: 1, Finance: 1, Marketing: 1, Sales: 1 };

const TOPICS = [
  ["One shared client timeline across CRM and Zendesk", "Account managers and support read two histories of the same client. One timeline, read-only, would save the first ten minutes of every escalation."],
  ["Expense notes from a photo", "Snap the receipt, the amount and date are read for you, the note is filed. Travelling account managers lose an evening a month on this."],
  ["A shadowing day in another department each year", "A day next to a colleague of another team: support with sales, finance with operations. We would stop guessing how the others work."],
  ["Night-shift handover template", "A short, fixed handover note between night and day shifts, so no open case is lost at 7 am."],
  ["Client satisfaction call-back after every major claim", "A two-minute call a week after a major claim closes. Clients remember being asked."],
  ["Offline mode for the field app", "Half our visits are in basements and car parks. The field app should keep working without a network and sync later."],
  ["Single sign-on for the partner portals", "Twelve partner portals, twelve passwords. SSO for the five we use daily would be a good start."],
  ["Publish our response times per region", "Show clients and ourselves the real response times each month, region by region. What is measured improves."],
  ["A glossary of our products in four languages", "Product names and guarantees, in English, French, Portuguese and Malay, so that a case changes hands without being retranslated."],
  ["Quiet mornings: no internal meetings before 10", "Two hours a day without meetings, for the work that needs focus."],
  ["Reuse laptops for trainees instead of buying new", "Refurbished laptops from the last renewal would equip every trainee and intern."],
  ["A mentor for every new account manager", "The first six months are the hardest: a named mentor, an hour a week."],
  ["Bike and public transport allowance", "Replace part of the parking budget with a mobility allowance anyone can use."],
  ["Pre-filled claim forms from the first call", "What the client said on the phone should already be in the claim form when the case is opened."],
  ["A client advisory board", "Six key clients, twice a year, telling us what to build next."],
  ["Automatic language routing of calls", "Route calls to an agent who speaks the caller's language before the first 'hello'."],
  ["One page for every open incident", "During an incident, one page with the status, the next update time and who is on it."],
  ["Paperless contracts with e-signature", "Most contracts still travel as PDF attachments printed, signed and scanned."],
  ["Shared calendar of client visits", "Know which colleague is visiting a client this week before booking our own trip."],
  ["Lunch-and-learn sessions by the teams themselves", "Thirty minutes, once a month, one team explains one thing it does well."],
];

const REASONS = {
  studied: "The transformation committee looks into it this quarter; we will come back here with a decision.",
  retained: "Retained: a pilot starts next quarter with the teams that proposed it.",
  declined: "Declined for now: the new CRM rollout already covers this need, we prefer not to build it twice.",
  implemented: "Done: live for every team since last month. Thank you!",
};

/** Seeds the ideas; `people` maps an email's local part to `{id, cookie, role}`, `members` the demo's member data. */
export async function seedIdeas(call, people, members, rand, admin) {
  const now = Date.now();
  const cookieOf = (key) => people.get(key).cookie;
  const keyOf = (m) => m.email.split("@")[0];
  const authors = members.filter((m) => m.role !== "guest");
  const counts = { campaigns: 0, ideas: 0, supports: 0, "idea status changes": 0 };

  const { data: open } = await call("POST", "/api/v1/campaigns", {
    json: {
      title: "Transformation 2027",
      brief: "**Six weeks to shape how we work in 2027.** Propose an idea, support your colleagues' ones, and follow what the committee studies, retains and why.",
      startsAt: now - 14 * DAY,
      endsAt: now + 28 * DAY,
      groupId: null,
      supportLimit: 10,
    },
    cookie: admin,
    expect: 201,
  });
  counts.campaigns++;
  const posted = [];
  let t = 0;
  for (const m of authors) {
    for (let n = 0; n < (IDEAS_PER_PERSON[m.profile.department] ?? 0); n++) {
      const [title, body] = TOPICS[t++ % TOPICS.length];
      const suffix = t > TOPICS.length ? ` (${m.profile.location})` : "";
      const { data } = await call("POST", `/api/v1/campaigns/${open.id}/ideas`, { json: { title: `${title}${suffix}`, body, tags: ["transformation2027"] }, cookie: cookieOf(keyOf(m)), expect: 201 });
      posted.push({ id: data.id, author: keyOf(m) });
      counts.ideas++;
    }
  }
  // Supports: each member backs a few ideas of others, the first ideas a little more often (a ranking to read).
  for (const m of authors) {
    const wanted = rand.int(7);
    const choices = rand.sample(posted.filter((p) => p.author !== keyOf(m)), Math.min(wanted, 10));
    for (const p of choices) {
      await call("PUT", `/api/v1/ideas/${p.id}/support`, { cookie: cookieOf(keyOf(m)), expect: 204 });
      counts.supports++;
    }
  }
  const move = async (id, steps) => {
    for (const status of steps) {
      await call("PATCH", `/api/v1/ideas/${id}/status`, { json: { status, reason: REASONS[status] }, cookie: admin, expect: 200 });
      counts["idea status changes"]++;
    }
  };
  for (const p of posted.slice(0, 6)) await move(p.id, ["studied"]);
  for (const p of posted.slice(6, 8)) await move(p.id, ["studied", "retained"]);
  for (const p of posted.slice(8, 11)) await move(p.id, ["declined"]);

  // A closed campaign: posted while it ran, then its window set in the past; its ideas retained and implemented.
  const { data: closed } = await call("POST", "/api/v1/campaigns", {
    json: { title: "Customer care 2026", brief: "What would make our clients' worst day a little better?", startsAt: now - DAY, endsAt: now + DAY, groupId: null, supportLimit: null },
    cookie: admin,
    expect: 201,
  });
  counts.campaigns++;
  const closedIdeas = [];
  for (const [i, m] of authors.slice(0, 8).entries()) {
    const [title, body] = TOPICS[(i * 3 + 4) % TOPICS.length];
    const { data } = await call("POST", `/api/v1/campaigns/${closed.id}/ideas`, { json: { title, body }, cookie: cookieOf(keyOf(m)), expect: 201 });
    closedIdeas.push(data.id);
    counts.ideas++;
  }
  for (const id of closedIdeas.slice(0, 2)) await move(id, ["studied", "retained", "implemented"]);
  for (const id of closedIdeas.slice(2, 5)) await move(id, ["studied", "retained"]);
  await move(closedIdeas[5], ["studied", "declined"]);
  await call("PATCH", `/api/v1/campaigns/${closed.id}`, { json: { startsAt: now - 120 * DAY, endsAt: now - 60 * DAY }, cookie: admin, expect: 200 });

  // The Toolbox group's permanent idea box, opened by its owner, with a few ideas from the floor.
  const { data: groups } = await call("GET", "/api/v1/groups?q=Toolbox&limit=5", { cookie: admin, expect: 200 });
  const toolbox = groups.items.find((g) => g.name === "Toolbox");
  if (toolbox) {
    await call("PATCH", `/api/v1/groups/${toolbox.id}`, { json: { ideaBox: true }, cookie: cookieOf("lea.marchand"), expect: 200 });
    for (const [key, topic] of [["karim.benali", 5], ["mariana.costa", 13], ["hugo.petit", 17]]) {
      const [title, body] = TOPICS[topic];
      await call("POST", `/api/v1/groups/${toolbox.id}/ideas`, { json: { title, body }, cookie: cookieOf(key), expect: 201 });
      counts.ideas++;
    }
  }
  return counts;
}
