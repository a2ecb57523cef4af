// The knowledge layer of the demo network (issue 11): the CRM onboarding group's FAQ and its library of guides (with
// two versions of the quick-start guide, and a few downloads), and the well-being group's FAQ (the occupational doctor,
// the assistance programme). Everything goes through the API, as the rest of the seed does; files are small generated
// PDFs and text files.

/** A one-page PDF holding `lines` of text (Helvetica), with a correct cross-reference table: enough for any viewer. */
export function tinyPdf(title, lines) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");
  const text = [`BT /F1 18 Tf 56 780 Td (${esc(title)}) Tj ET`, ...lines.map((l, i) => `BT /F1 11 Tf 56 ${744 - i * 16} Td (${esc(l)}) Tj ET`)].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(pdf, "latin1");
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

const ONBOARDING_FAQ = [
  ["Getting started", "How do I sign in to the new CRM?", "Use your usual company account: the CRM signs you in through single sign-on. If it asks for a password, you are on the old address — use **crm.example.com**."],
  ["Getting started", "Where are my accounts and contacts from the old CRM?", "Everything was migrated on go-live weekend. Open **Accounts → My accounts**; if one is missing, post it in this group with its old reference."],
  ["Getting started", "Is there a training session I can join?", "Yes: a one-hour session every Tuesday and Thursday, in English and French. See *Training calendar* in the library, folder *Training*."],
  ["Daily work", "How do I log a client call?", "From the account, **New activity → Call**. Add the outcome in one line; the next step becomes a task on your list."],
  ["Daily work", "How do I export a list to Excel?", "Open the list view, then **⋯ → Export → CSV**. Exports are limited to 5,000 rows; ask the CRM team for more."],
  ["Getting help", "Who answers questions here, and how fast?", "Colleagues answer most questions; the CRM team (support) answers the rest **within 4 business hours**, Monday to Friday, 9:00 to 18:00 Paris time."],
];

const WELLBEING_FAQ = [
  ["Health", "How do I reach the occupational doctor?", "Book online on the HR portal (**Health → Occupational doctor**) or call extension **4410**. Appointments are during working hours and confidential: your manager is not told why."],
  ["Health", "Is there a quiet room at La Défense?", "Yes, on the 4th floor next to the library: no phones, no meetings, open 8:00 to 20:00."],
  ["Support", "What is the employee assistance programme?", "A free, anonymous phone line with psychologists and social workers, **24/7**, in English, French, Portuguese and Malay. Call 0800 000 000 (or +33 1 00 00 00 00 from abroad). Up to six sessions a year are covered."],
  ["Support", "Can I ask a question here anonymously?", "Yes: write to one of the animators, who posts it for you without your name."],
];

/** Seeds the FAQs and the library; answers the phase's line for the seed's log. */
export async function seedKnowledge(call, people, counts, baseUrl) {
  const started = Date.now();
  const cookieOf = (key) => people.get(key).cookie;
  const groupId = async (name, as) => {
    // The caller's own groups (its owner's): a name search would depend on how the "&" of a name is tokenised.
    const { data } = await call("GET", "/api/v1/groups?mine=1&limit=100", { cookie: cookieOf(as), expect: 200 });
    const group = data.items.find((g) => g.name === name);
    if (!group) throw new Error(`Demo seed: no group named ${name}`);
    return group.id;
  };
  const addFaq = async (group, as, entries) => {
    for (const [section, question, answer] of entries) {
      await call("POST", `/api/v1/groups/${group}/faq`, { json: { question, answer, section }, cookie: cookieOf(as), expect: 201 });
    }
    counts["FAQ entries"] = (counts["FAQ entries"] ?? 0) + entries.length;
  };
  /** POST /uploads with the file's own type (the seed's JSON client sends no raw bodies). */
  const upload = async (as, filename, type, bytes) => {
    const res = await fetch(`${baseUrl}/api/v1/uploads?filename=${encodeURIComponent(filename)}`, { method: "POST", headers: { "Content-Type": type, Cookie: cookieOf(as) }, body: bytes });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`Demo seed: upload of ${filename} answered ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text).id;
  };
  const addItem = async (group, as, folder, name, filename, type, bytes) => {
    const uploadId = await upload(as, filename, type, bytes);
    const { data } = await call("POST", `/api/v1/groups/${group}/library`, { json: { uploadId, folder, name }, cookie: cookieOf(as), expect: 201 });
    counts["library files"] = (counts["library files"] ?? 0) + 1;
    return data.id;
  };

  const onboarding = await groupId("Onboarding: new CRM", "nurul.aziz");
  const wellbeing = await groupId("Well-being & mutual help", "elodie.rousseau");
  await Promise.all([addFaq(onboarding, "nurul.aziz", ONBOARDING_FAQ), addFaq(wellbeing, "elodie.rousseau", WELLBEING_FAQ)]);

  const guide = await addItem(onboarding, "nurul.aziz", "Quick-start guides", "CRM quick-start guide", "crm-quick-start-v1.pdf", "application/pdf",
    tinyPdf("CRM quick-start guide", ["Version 1 (go-live)", "1. Sign in with your company account.", "2. Find your accounts under Accounts > My accounts.", "3. Log each client call as an activity."]));
  const pdfV2 = tinyPdf("CRM quick-start guide", ["Version 2: now with list exports and mobile", "1. Sign in with your company account.", "2. Find your accounts under Accounts > My accounts.", "3. Log each client call as an activity.", "4. Export a list: ... > Export > CSV (5,000 rows).", "5. On the go: the CRM app for iOS and Android."]);
  const v2 = await upload("weiling.tan", "crm-quick-start-v2.pdf", "application/pdf", pdfV2);
  await call("POST", `/api/v1/library/${guide}/versions`, { json: { uploadId: v2 }, cookie: cookieOf("weiling.tan"), expect: 201 });
  counts["library versions"] = 1;
  await addItem(onboarding, "thomas.girard", "Quick-start guides", "Reports and dashboards", "reports-and-dashboards.pdf", "application/pdf",
    tinyPdf("Reports and dashboards", ["Build a report from a list view, save it, share it with your team.", "Dashboards refresh every hour."]));
  await addItem(onboarding, "weiling.tan", "Cheat sheets", "Keyboard shortcuts", "crm-shortcuts.txt", "text/plain",
    Buffer.from("CRM keyboard shortcuts\n\ng then a  Go to accounts\ng then c  Go to contacts\nn        New activity\n/        Search\n?        All shortcuts\n"));
  await addItem(onboarding, "nurul.aziz", "Training", "Training calendar", "training-calendar.csv", "text/csv",
    Buffer.from("date,time,language,topic\n2026-12-08,10:00,English,First steps\n2026-12-10,14:00,French,Premiers pas\n2026-12-15,10:00,English,Reports and dashboards\n"));

  // A few downloads, so that the counts show something: the newest version of the guide by four newcomers, the first
  // version by one who kept the old link.
  const downloads = [["sophie.lefevre", ""], ["hugo.petit", ""], ["marcus.johnson", ""], ["arjun.nair", ""], ["kenji.watanabe", "?version=1"]];
  await Promise.all(
    downloads.map(async ([key, query]) => {
      const res = await fetch(`${baseUrl}/api/v1/library/${guide}/download${query}`, { headers: { Cookie: cookieOf(key) } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`Demo seed: download answered ${res.status}`);
    }),
  );
  counts["library downloads"] = downloads.length;
  return `knowledge ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
