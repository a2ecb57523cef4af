// The questions layer of the demo network (issue 11): the CRM onboarding group keeps the promise its description makes
// ("the CRM team answers within 4 business hours", Monday to Friday, 09:00–18:00 Paris time), names the CRM team as its
// support members, and holds 30 questions: answered in time by peers and by support, answered late, overdue now,
// and a few asked just now that wait within the promise; accepted answers and votes.
//
// Everything is written through the API, as the rest of the seed does. The API stamps every write with the present,
// so the questions of the past weeks are then moved to their days with ONE `wrangler d1 execute` of a generated SQL
// file (posts, their tags, their answers and the questions' deadlines, first answers and escalation marks), the only
// way to write the past on a local database. Each past question is asked on a weekday between 09:15 and 13:30 Paris
// time, so that its 4 business hours end the same day: its deadline is simply 4 hours later.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { wrangler } from "../lib/server.mjs";

const HOUR = 3600_000;
const MINUTE = 60_000;
const PROMISE = { mode: "business", hours: 4, days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" };
/** The CRM team: the administrator and the Asia-Pacific lead (the group's animators) and the data engineer. */
const SUPPORT = ["thomas.girard", "weiling.tan", "gabriel.nakamura"];
const GROUP_NAME = "Onboarding: new CRM";

/**
 * The questions. `ago`: how many weekdays back it was asked (0: asked now, through the API, and left waiting), `at`:
 * Paris time of asking ("HH:MM"), `answers`: `[who, minutes after the question, text]` in order (the first one by
 * someone other than the asker is the first answer), `accept`: the index of the accepted answer and who accepts,
 * `votes`: per answer index, who votes it up.
 */
const QUESTIONS = [
  // Answered in time by peers.
  { by: "sophie.lefevre", ago: 14, at: "09:40", title: "How do I import my own contacts from Outlook?", tags: ["Salesforce", "Import"], body: "I have about 300 client contacts in Outlook that are not in the old CRM. Is there a way to bring them in without typing them one by one?",
    answers: [["arjun.nair", 35, "Use the **Data Import Wizard** (Setup → Data Import Wizard → Contacts). Export from Outlook as CSV first, then map the columns. It deduplicates on email."], ["thomas.girard", 90, "And please tick *Trigger workflow rules* off, or each contact sends a welcome email. 😅"]],
    accept: [0, "sophie.lefevre"], votes: [["kenji.watanabe", "hugo.petit", "thomas.girard"], ["sophie.lefevre"]] },
  { by: "hugo.petit", ago: 13, at: "10:05", title: "Où trouver mes opportunités ouvertes ?", tags: ["Salesforce", "Pipeline"], body: "Je ne retrouve pas la vue « mes opportunités ouvertes » que j'avais dans l'ancien CRM. Elle existe ?",
    answers: [["julien.moreau", 22, "Onglet **Opportunités** → liste « Mes opportunités » puis filtre *Étape ≠ Gagnée/Perdue*. Épingle-la, elle devient ta vue par défaut."]],
    accept: [0, "hugo.petit"], votes: [["sophie.lefevre", "thiago.almeida"]] },
  { by: "marcus.johnson", ago: 13, at: "12:10", title: "Can I log a call from my phone?", tags: ["Salesforce", "Mobile"], body: "I'm on the road most days. Is there a quick way to log a client call from the Salesforce mobile app?",
    answers: [["rachel.goldberg", 48, "Yes: open the contact in the mobile app, tap **Log a Call**. It takes 20 seconds. I do it in the car park after each visit."], ["kevin.obrien", 70, "Tip: the app can also log the call automatically if you allow it to read your call history."]],
    accept: [0, "marcus.johnson"], votes: [["kevin.obrien", "lucas.oliveira"], ["marcus.johnson"]] },
  { by: "kenji.watanabe", ago: 12, at: "09:20", title: "Japanese characters in account names look broken in exports", tags: ["Salesforce", "Excel"], body: "When I export my accounts to CSV and open them in Excel, the Japanese names are garbled.",
    answers: [["daniel.kim", 55, "Excel guesses the encoding. Use **Data → From Text/CSV** and pick *65001: Unicode (UTF-8)* instead of double-clicking the file."]],
    accept: [0, "kenji.watanabe"], votes: [["kenji.watanabe", "jonathan.lim"]] },
  { by: "lucas.oliveira", ago: 11, at: "11:00", title: "How do I share a dashboard with my team?", tags: ["Salesforce", "Dashboards"], body: "I built a pipeline dashboard for Latin America. How do the others see it?",
    answers: [["rachel.goldberg", 40, "Save it in a **shared folder** (not *My Private Dashboards*), then share the folder with your team's public group as Viewer."]],
    accept: null, votes: [["thiago.almeida"]] },
  { by: "beatriz.santos", ago: 10, at: "10:30", title: "Can marketing see which clients opened the newsletter?", tags: ["Salesforce", "Marketing"], body: "For the event invitations, can we see in the CRM who opened our last newsletter?",
    answers: [["priya.raman", 65, "Only once the email tool is connected: it is planned for the second wave. Until then the newsletter tool's own report is the way."]],
    accept: [0, "beatriz.santos"], votes: [["claire.fontaine"]] },
  { by: "thiago.almeida", ago: 9, at: "09:50", title: "What is the difference between a lead and a contact?", tags: ["Salesforce", "Leads"], body: "Sorry if this is basic: when do I create a lead and when a contact?",
    answers: [["lucas.oliveira", 18, "A **lead** is someone not qualified yet (no account). When you qualify them you *convert* the lead: it becomes a contact on an account, with an opportunity if there is one."], ["sophie.lefevre", 50, "Not basic at all, everyone asked it in week one 🙂"]],
    accept: [0, "thiago.almeida"], votes: [["thiago.almeida", "hugo.petit", "beatriz.santos"], []] },
  { by: "jonathan.lim", ago: 8, at: "11:45", title: "Forecast categories: who sets them?", tags: ["Salesforce", "Forecasting"], body: "Is the forecast category set by the rep or computed from the stage?",
    answers: [["kevin.obrien", 75, "Computed from the stage by default; the rep can override it on the opportunity. Managers see both in the forecast view."]],
    accept: null, votes: [["arjun.nair"]] },
  { by: "priya.raman", ago: 5, at: "09:30", title: "Do campaigns in the CRM replace our event spreadsheet?", tags: ["Salesforce", "Marketing"], body: "We track event registrations in a shared spreadsheet. Should we move that to CRM campaigns?",
    answers: [["claire.fontaine", 95, "Yes for client events: campaign members show on the client's record, so account managers see who came. Internal events can stay in the spreadsheet."]],
    accept: [0, "priya.raman"], votes: [] },
  // Answered in time by support.
  { by: "julien.moreau", ago: 14, at: "11:15", title: "Mes comptes n'apparaissent pas après la migration", tags: ["Data migration", "Salesforce"], body: "Trois de mes comptes clés (Groupe Aurore, Helvetia Santé, Transports Lemoine) ne sont pas dans Salesforce. Ils étaient dans l'ancien CRM.",
    answers: [["thomas.girard", 70, "Ils étaient rattachés à un propriétaire désactivé : la migration les a mis de côté. Je viens de les réaffecter à ton nom, ils sont visibles maintenant."]],
    accept: [0, "julien.moreau"], votes: [["julien.moreau", "sophie.lefevre"]] },
  { by: "arjun.nair", ago: 12, at: "10:40", title: "Duplicate accounts for the same client group", tags: ["Salesforce", "Data quality"], body: "Singapore Mutual appears three times with slightly different names. Can I merge them?",
    answers: [["weiling.tan", 30, "Please don't merge them yourself: merging breaks the case history when the wrong record wins. I have merged the three; Singapore Mutual Holdings is the one to keep."]],
    accept: [0, "arjun.nair"], votes: [["arjun.nair", "kenji.watanabe", "jonathan.lim"]] },
  { by: "rachel.goldberg", ago: 11, at: "09:25", title: "Approval process for discounts above 15%", tags: ["Salesforce", "Approvals"], body: "Who approves discounts above 15% now? The old e-mail process still goes to Frank, who left.",
    answers: [["thomas.girard", 110, "The approval now goes to the regional head of sales, then Finance above 25%. I've removed Frank from the old rule. Submit with **Submit for Approval** on the quote."], ["kevin.obrien", 140, "Confirmed, mine went through in an hour yesterday."]],
    accept: [0, "rachel.goldberg"], votes: [["kevin.obrien", "marcus.johnson"], []] },
  { by: "daniel.kim", ago: 10, at: "13:10", title: "Can Finance get a read-only view of closed-won deals?", tags: ["Salesforce", "SQL"], body: "We reconcile closed-won deals with invoicing each month. Can Finance have a read-only report instead of asking sales?",
    answers: [["gabriel.nakamura", 80, "Done: a report *Closed won – last month* in the Finance folder, read-only for your profile. It refreshes every night with the invoicing references."]],
    accept: [0, "daniel.kim"], votes: [["daniel.kim"]] },
  { by: "kevin.obrien", ago: 7, at: "10:00", title: "Territory change: how do I hand over accounts?", tags: ["Salesforce", "Territories"], body: "Two of my reps swap territories on the 1st. Is there a bulk way to move the accounts and open opportunities?",
    answers: [["weiling.tan", 45, "Send me the list (account IDs) and the date: we use **Mass Transfer Records** so open opportunities and tasks follow. Don't do it by hand, activities stay behind."]],
    accept: [0, "kevin.obrien"], votes: [["rachel.goldberg"]] },
  { by: "claire.fontaine", ago: 6, at: "11:20", title: "Champ « secteur » obligatoire : quelle valeur pour une association ?", tags: ["Salesforce", "Data quality"], body: "Je crée un compte pour une association partenaire et le champ secteur est obligatoire. Aucune valeur ne correspond.",
    answers: [["thomas.girard", 25, "Choisis « Secteur public et associatif ». J'ai ajouté une aide sur le champ pour que la question ne se pose plus."]],
    accept: [0, "claire.fontaine"], votes: [] },
  { by: "marcus.johnson", ago: 4, at: "09:35", title: "My Outlook add-in stopped syncing", tags: ["Salesforce", "Outlook"], body: "Since Monday the Outlook add-in says *Not connected* and emails are not logged.",
    answers: [["gabriel.nakamura", 60, "Monday's password policy change logged everyone out of the add-in. Click the add-in → Settings → Reconnect. Your emails from Monday will sync after."], ["rachel.goldberg", 75, "Same here, reconnecting fixed it."]],
    accept: [0, "marcus.johnson"], votes: [["rachel.goldberg", "kevin.obrien", "priya.raman"], []] },
  // Answered late.
  { by: "sophie.lefevre", ago: 9, at: "13:20", title: "Contrat cadre : où joindre le PDF signé ?", tags: ["Salesforce", "Contracts"], body: "Sur l'objet Contrat je ne vois pas où déposer le PDF signé par le client.",
    answers: [["thomas.girard", 330, "Désolé pour le délai. Onglet **Fichiers** du contrat (pas *Notes et pièces jointes*, désactivé). Le PDF est alors visible du juridique."]],
    accept: [0, "sophie.lefevre"], votes: [["julien.moreau"]] },
  { by: "lucas.oliveira", ago: 8, at: "12:50", title: "Currency of opportunities in Brazil", tags: ["Salesforce", "Currency"], body: "My opportunities show in euros, but my clients pay in reais. Can I enter BRL?",
    answers: [["thiago.almeida", 600, "You can pick the currency on each opportunity (field *Opportunity Currency*); the dashboards convert to euros at the monthly rate."], ["gabriel.nakamura", 640, "Right, and your default currency in your settings can be BRL too."]],
    accept: [1, "lucas.oliveira"], votes: [["lucas.oliveira"], ["lucas.oliveira", "beatriz.santos"]] },
  { by: "hugo.petit", ago: 6, at: "13:00", title: "Rapport d'activité hebdomadaire : peut-on l'automatiser ?", tags: ["Salesforce", "Reports"], body: "Chaque vendredi je recopie mes rendez-vous dans un Excel pour mon manager. Le CRM peut-il l'envoyer tout seul ?",
    answers: [["weiling.tan", 1260, "Yes: a report *My activities this week*, subscribed for your manager every Friday at 16:00. I've set it up for you (sorry, this one slipped through the cracks)."]],
    accept: [0, "hugo.petit"], votes: [["julien.moreau", "sophie.lefevre"]] },
  { by: "kenji.watanabe", ago: 3, at: "12:30", title: "Quote PDF template in Japanese?", tags: ["Salesforce", "Quotes"], body: "Our Japanese clients expect quotes in Japanese. Is there a template?",
    answers: [["weiling.tan", 300, "Not yet; it is in the second wave's list. Meanwhile the English template with the Japanese address block is what Tokyo uses."]],
    accept: null, votes: [["jonathan.lim"]] },
  // Overdue now: nobody answered.
  { by: "thiago.almeida", ago: 2, at: "10:15", title: "Sync between CRM and the claims tool fails for some clients", tags: ["Salesforce", "Integration"], body: "For about ten clients, the claims tool shows *CRM account not found*. They exist in the CRM.", answers: [] },
  { by: "beatriz.santos", ago: 1, at: "09:45", title: "Can I bulk-update the 'Preferred language' field?", tags: ["Salesforce", "Data quality"], body: "About 400 contacts in Brazil have no preferred language. Can I set Portuguese on all of them at once?", answers: [] },
  { by: "jonathan.lim", ago: 1, at: "11:30", title: "Mandarin names sorted strangely in list views", tags: ["Salesforce"], body: "List views sort Chinese names by character code, not by pinyin. Is there a setting?", answers: [] },
  // Answered the same day, then a second opinion; one asked by a support member himself (answered by a peer).
  { by: "arjun.nair", ago: 3, at: "10:10", title: "Best way to track a tender with several lots?", tags: ["Salesforce", "Pipeline"], body: "A client tender has 4 lots with different dates. One opportunity or four?",
    answers: [["kenji.watanabe", 50, "Four opportunities under the same account, with a *Tender* campaign linking them: each lot has its own stage and date, and the campaign shows the total."], ["weiling.tan", 120, "Agreed, that's the recommended way."]],
    accept: [0, "arjun.nair"], votes: [["jonathan.lim", "weiling.tan"], ["arjun.nair"]] },
  { by: "gabriel.nakamura", ago: 2, at: "09:30", title: "Anyone using the 'Next step' field consistently?", tags: ["Salesforce", "Pipeline"], body: "Half the opportunities have an empty *Next step*. Before we make it mandatory: do you find it useful?",
    answers: [["rachel.goldberg", 35, "Yes, it's what I read in pipeline reviews. Making it mandatory from *Proposal* onwards would be enough."], ["lucas.oliveira", 60, "+1, but not mandatory at the first stages please."]],
    accept: [0, "gabriel.nakamura"], votes: [["lucas.oliveira", "kevin.obrien"], ["rachel.goldberg"]] },
  { by: "priya.raman", ago: 1, at: "13:00", title: "Where do I see which clients attended our webinar?", tags: ["Salesforce", "Marketing"], body: "We imported the webinar attendees as campaign members. Where do account managers see it?",
    answers: [["claire.fontaine", 30, "On the contact: related list *Campaign History*. You can also add it to the account page layout; ask the CRM team."]],
    accept: null, votes: [] },
  // Asked just now: waiting within the promise (their deadline comes from the API's clock).
  { by: "daniel.kim", ago: 0, title: "Can I export a report to Excel with the formulas kept?", tags: ["Excel", "Reports"], body: "When I export a report, subtotals become plain numbers. Any way to keep them as formulas?", answers: [] },
  { by: "julien.moreau", ago: 0, title: "Renouvellement : l'opportunité se crée-t-elle toute seule ?", tags: ["Salesforce", "Contracts"], body: "Pour les contrats annuels, le CRM crée-t-il l'opportunité de renouvellement, et combien de temps avant l'échéance ?", answers: [] },
  { by: "kevin.obrien", ago: 0, title: "Who can see the notes I write on an account?", tags: ["Salesforce", "Privacy"], body: "Some notes on key accounts are sensitive. Are they visible to everyone with access to the account?", answers: [] },
  { by: "claire.fontaine", ago: 0, title: "Peut-on voir les questions des clients du salon dans le CRM ?", tags: ["Salesforce", "Marketing"], body: "Au salon, nous notons les questions des visiteurs sur tablette. Peuvent-elles arriver dans le CRM comme pistes ?",
    answers: [["hugo.petit", 0, "On l'a fait au dernier salon avec un formulaire web-to-lead, ça marche bien. Je te transmets le lien."]], accept: null, votes: [] },
];

/**
 * Expert office hours (issue 11, item 5). In the onboarding group, one held the previous weekday by a support member
 * (its three threads: two answered in the room and accepted, one left to the group's queue) and one tomorrow at 14:00
 * Paris time; in the Toolbox (an open group too: the coffee lobby shows open groups' sessions) one tomorrow at 11:00.
 * `minutes`: when the question was asked after the start; `answer`: the expert's reply, minutes after the start.
 */
const PAST_OFFICE_HOUR = {
  expert: "gabriel.nakamura",
  topic: "Reports and dashboards: bring your questions",
  at: "15:00",
  durationMinutes: 60,
  threads: [
    { by: "hugo.petit", minutes: 4, text: "Can a report show last year's figures next to this year's?\nMy manager wants both columns side by side.",
      answer: [9, "Yes: group the report by *Close Date* (by year), then add a **row-level formula** for the difference. I shared an example: *Pipeline – this year vs last year*."] },
    { by: "kenji.watanabe", minutes: 12, text: "Why does my dashboard show yesterday's numbers in the morning?",
      answer: [15, "Dashboards refresh when someone opens them, with the viewer's rights, or on a schedule. Yours was set to refresh at 18:00: I moved it to 07:00."] },
    { by: "lucas.oliveira", minutes: 41, text: "Can I get an alert when a big opportunity changes stage?\nOnly above 100k.", answer: null },
  ],
};
const NEXT_OFFICE_HOURS = [
  { group: "Onboarding: new CRM", expert: "weiling.tan", topic: "Territories and account handovers", at: "14:00", durationMinutes: 60 },
  { group: "Toolbox", expert: "lea.marchand", topic: "Excel clinic: pivot tables, lookups, the odd CSV", at: "11:00", durationMinutes: 45 },
];

/** UTC milliseconds of a wall-clock time in `zone` (a zone whose offset does not change within the hour asked). */
function zonedTime(year, month, day, hh, mm, zone) {
  const guess = Date.UTC(year, month, day, hh, mm);
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(guess);
  const offset = /GMT([+-])(\d\d):(\d\d)/.exec(parts.find((p) => p.type === "timeZoneName")?.value ?? "");
  const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return guess - minutes * MINUTE;
}

/** The Paris date `weekdays` working days before today (Monday–Friday), at `hhmm`. */
function weekdaysAgo(now, weekdays, hhmm) {
  const paris = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = paris.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  let left = weekdays;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  const [hh, mm] = hhmm.split(":").map(Number);
  return zonedTime(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hh, mm, "Europe/Paris");
}

/** The Paris date `days` calendar days after the one of `ms`, at `hhmm`; with `weekday`, moved on to a Monday–Friday. */
function parisDayAfter(ms, days, hhmm, weekday = false) {
  const paris = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
  const [y, m, d] = paris.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  while (weekday && (date.getUTCDay() === 0 || date.getUTCDay() === 6)) date.setUTCDate(date.getUTCDate() + 1);
  const [hh, mm] = hhmm.split(":").map(Number);
  return zonedTime(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hh, mm, "Europe/Paris");
}

/** 4 business hours (09:00–18:00 Paris, Monday–Friday) after `asked`, itself within a business day. */
function businessDeadline(asked) {
  const close = parisDayAfter(asked, 0, "18:00");
  const left = PROMISE.hours * HOUR - (close - asked);
  return left <= 0 ? asked + PROMISE.hours * HOUR : parisDayAfter(asked, 1, "09:00", true) + left;
}

const sqlText = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** Runs `fn` over `items`, at most `limit` at once. */
async function eachLimited(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Seeds the questions; `people` maps an email's local part to `{id, cookie}`. `persistTo`: the local database's
 * directory when it is not wrangler's default (the browser tests' own network). Returns the counts for the summary.
 */
export async function seedQuestions(call, people, { persistTo } = {}) {
  const now = Date.now();
  const as = (key) => {
    const person = people.get(key);
    if (!person) throw new Error(`Demo seed (questions): nobody called ${key}`);
    return person.cookie;
  };
  const counts = { questions: 0, answers: 0, "answer votes": 0, "accepted answers": 0 };

  const owner = "nurul.aziz";
  const { data: found } = await call("GET", `/api/v1/groups?q=${encodeURIComponent("Onboarding")}&limit=20`, { cookie: as(owner), expect: 200 });
  const group = found.items.find((g) => g.name === GROUP_NAME);
  if (!group) throw new Error(`Demo seed (questions): no group named ${GROUP_NAME}`);
  const base = `/api/v1/groups/${group.id}`;
  await call("PUT", `${base}/promise`, { json: PROMISE, cookie: as(owner), expect: 200 });
  await call("PUT", `${base}/support-members`, { json: { userIds: SUPPORT.map((k) => people.get(k).id) }, cookie: as(owner), expect: 200 });

  // Through the API, at most 6 questions at once; each question's answers, votes and acceptance in order.
  const past = [];
  await eachLimited(QUESTIONS, 6, async (q) => {
    const { data: post } = await call("POST", `${base}/posts`, { json: { kind: "question", title: q.title, body: q.body, tags: q.tags }, cookie: as(q.by), expect: 201 });
    counts.questions++;
    const answers = [];
    for (const [who, , text] of q.answers) {
      const { data: comment } = await call("POST", `/api/v1/posts/${post.id}/comments`, { json: { body: text }, cookie: as(who), expect: 201 });
      answers.push(comment.id);
      counts.answers++;
    }
    for (const [i, voters] of (q.votes ?? []).entries()) {
      for (const voter of voters) {
        if (voter === q.answers[i][0]) continue;
        await call("PUT", `/api/v1/comments/${answers[i]}/vote`, { cookie: as(voter), expect: 204 });
        counts["answer votes"]++;
      }
    }
    if (q.accept) {
      await call("POST", `/api/v1/posts/${post.id}/accept`, { json: { commentId: answers[q.accept[0]] }, cookie: as(q.accept[1]), expect: 200 });
      counts["accepted answers"]++;
    }
    if (q.ago > 0) past.push({ q, postId: post.id, answers });
  });

  // Expert office hours: the past one is held now through the API (asked, answered by the expert, accepted by the
  // askers), then moved to the previous weekday with the questions below; the coming ones are scheduled as they are.
  const held = PAST_OFFICE_HOUR;
  const { data: session } = await call("POST", "/api/v1/office-hours", { json: { groupId: group.id, topic: held.topic, startsAt: now, durationMinutes: held.durationMinutes }, cookie: as(held.expert), expect: 201 });
  const sessionStart = weekdaysAgo(now, 1, held.at);
  const officeHourStatements = [
    `UPDATE office_hours SET starts_at = ${sessionStart}, ends_at = ${sessionStart + held.durationMinutes * MINUTE}, created_at = ${sessionStart - 7 * 24 * HOUR} WHERE id = ${sqlText(session.id)};`,
  ];
  counts["office hours"] = 1;
  for (const t of held.threads) {
    const title = t.text.split("\n")[0];
    const { data: post } = await call("POST", `${base}/posts`, { json: { kind: "question", title, body: t.text }, cookie: as(t.by), expect: 201 });
    counts.questions++;
    const asked = sessionStart + t.minutes * MINUTE;
    const deadline = businessDeadline(asked);
    const nudge = asked + Math.round(0.75 * (deadline - asked));
    let answeredAt = null;
    if (t.answer) {
      const { data: comment } = await call("POST", `/api/v1/posts/${post.id}/comments`, { json: { body: t.answer[1] }, cookie: as(held.expert), expect: 201 });
      await call("POST", `/api/v1/posts/${post.id}/accept`, { json: { commentId: comment.id }, cookie: as(t.by), expect: 200 });
      counts.answers++;
      counts["accepted answers"]++;
      answeredAt = sessionStart + t.answer[0] * MINUTE;
      officeHourStatements.push(`UPDATE comments SET created_at = ${answeredAt}, updated_at = ${answeredAt} WHERE id = ${sqlText(comment.id)};`);
    }
    // Escalation marks only for the steps already past (the unanswered one may still be within its promise).
    const nudged = answeredAt === null && nudge <= now ? nudge : null;
    const overdue = answeredAt === null && deadline <= now ? deadline : null;
    officeHourStatements.push(
      `UPDATE posts SET created_at = ${asked}, updated_at = ${asked} WHERE id = ${sqlText(post.id)};`,
      `UPDATE questions SET office_hour_id = ${sqlText(session.id)}, created_at = ${asked}, deadline_at = ${deadline}, nudge_at = ${nudge}, answered_at = ${answeredAt ?? "NULL"}, nudged_at = ${nudged ?? "NULL"}, overdue_sent_at = ${overdue ?? "NULL"} WHERE post_id = ${sqlText(post.id)};`,
    );
  }
  for (const next of NEXT_OFFICE_HOURS) {
    const { data: found } = await call("GET", `/api/v1/groups?q=${encodeURIComponent(next.group)}&limit=20`, { cookie: as(next.expert), expect: 200 });
    const target = found.items.find((g) => g.name === next.group);
    if (!target) throw new Error(`Demo seed (office hours): no group named ${next.group}`);
    await call("POST", "/api/v1/office-hours", { json: { groupId: target.id, topic: next.topic, startsAt: parisDayAfter(now, 1, next.at), durationMinutes: next.durationMinutes }, cookie: as(next.expert), expect: 201 });
    counts["office hours"]++;
  }

  // The past, written in one go: asked on its day, deadline 4 hours later (within the same business day), answers at
  // their minutes, and each escalation step marked as done at its time (so that no cron sends them again today).
  const statements = [];
  for (const { q, postId, answers } of past) {
    const asked = weekdaysAgo(now, q.ago, q.at);
    const deadline = asked + PROMISE.hours * HOUR;
    const nudge = asked + 0.75 * PROMISE.hours * HOUR;
    const first = q.answers.findIndex(([who]) => who !== q.by);
    const answeredAt = first >= 0 ? asked + q.answers[first][1] * MINUTE : null;
    const nudged = answeredAt === null || answeredAt > nudge ? nudge : null;
    const overdue = answeredAt === null || answeredAt > deadline ? deadline : null;
    statements.push(`UPDATE posts SET created_at = ${asked} WHERE id = ${sqlText(postId)};`);
    statements.push(`UPDATE post_tags SET created_at = ${asked} WHERE post_id = ${sqlText(postId)};`);
    statements.push(
      `UPDATE questions SET created_at = ${asked}, deadline_at = ${deadline}, nudge_at = ${nudge}, answered_at = ${answeredAt ?? "NULL"}, nudged_at = ${nudged ?? "NULL"}, overdue_sent_at = ${overdue ?? "NULL"} WHERE post_id = ${sqlText(postId)};`,
    );
    q.answers.forEach(([, minutes], i) => statements.push(`UPDATE comments SET created_at = ${asked + minutes * MINUTE} WHERE id = ${sqlText(answers[i])};`));
  }
  const dir = mkdtempSync(path.join(tmpdir(), "comptoir-questions-"));
  try {
    const file = path.join(dir, "past.sql");
    writeFileSync(file, [...statements, ...officeHourStatements].join("\n") + "\n");
    wrangler(["d1", "execute", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : []), "--file", file], { stdio: "pipe" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The running server notices the database changed under it: the first request after it may find its connection
  // closed (seen locally), so the seed goes on only once the server answers again.
  for (let attempt = 1; ; attempt++) {
    try {
      await call("GET", "/api/v1/setup", { expect: 200 });
      break;
    } catch (err) {
      if (attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  counts["questions moved to their day"] = past.length;
  return counts;
}
