// The conversation layer of the demo network: groups, who is in them, and what people write there. Fixed data; the
// few choices made at seed time (who adds a filler comment, who reacts) come from a seeded PRNG in demo.mjs.
//
// People are named by the local part of their email ("lea.marchand"; the first administrator is "admin"). In texts,
// `{@lea.marchand}` becomes an @mention of that member's actual handle at seed time, so a mention never dangles.
import { unwrap } from "./demo-data.mjs";

/**
 * The groups. `owner` creates the group; `animators` are named with role "animator"; `members` join (open), ask and
 * are approved (private) or are added by the owner (secret). Guests are only ever added to client spaces.
 */
export const GROUPS = [
  {
    key: "toolbox",
    name: "Toolbox",
    kind: "community",
    visibility: "open",
    description: "Tips on the problems we all meet: Zendesk, Excel, expenses, travel, calls that go wrong at 3 am. One tip per post, tagged, and the collaborative watch of links worth keeping.",
    rules: unwrap(`- One tip or one question per post, with a clear first line.
- Tag it (#zendesk, #excel, #expenses, #travel…) so colleagues can follow what they need.
- Links go in as link posts: rate them, the best ones rise to the top.
- No client data, ever: refer to a case by its ticket number (charter §2).`),
    owner: "lea.marchand",
    animators: ["siti.rahman", "maria.gonzalez"],
    members: [
      "karim.benali", "mariana.costa", "nadia.haddad", "thomas.girard", "mamadou.diallo", "sophie.lefevre", "julien.moreau",
      "hugo.petit", "oliver.bennett", "antoine.dubois", "marcus.johnson", "rachel.goldberg", "daniel.kim", "tyler.brooks",
      "jennifer.walsh", "arjun.nair", "rajesh.kumar", "kenji.watanabe", "grace.ong", "lucas.oliveira", "rafael.souza",
      "joao.pereira", "fernanda.rodrigues", "weiling.tan", "admin",
    ],
  },
  {
    key: "move",
    name: "Office move to La Défense",
    kind: "project",
    visibility: "open",
    description: "Everything about the Paris move from rue de Provence to Tour Ellipse, La Défense: dates, crates, transport, the new assistance centre. Questions answered within the day.",
    owner: "oliver.bennett",
    animators: ["admin", "elodie.rousseau"],
    members: [
      "julien.moreau", "sophie.lefevre", "karim.benali", "thomas.girard", "nadia.haddad", "antoine.dubois", "claire.fontaine",
      "mamadou.diallo", "lea.marchand", "hugo.petit", "david.okafor",
    ],
  },
  {
    key: "training",
    name: "Training needs",
    kind: "community",
    visibility: "open",
    description: "Tell HR what you need to learn, share the courses that worked, find a colleague who can teach you. The 2025 training plan is built from this group.",
    owner: "elodie.rousseau",
    animators: ["nurul.aziz", "camila.ferreira"],
    members: [
      "aisha.williams", "karim.benali", "lea.marchand", "siti.rahman", "maria.gonzalez", "mariana.costa", "sophie.lefevre",
      "arjun.nair", "lucas.oliveira", "marcus.johnson", "hugo.petit", "thiago.almeida", "mamadou.diallo", "daniel.kim",
      "grace.ong", "joao.pereira", "kenji.watanabe", "priya.raman", "rachel.goldberg", "admin",
    ],
  },
  {
    key: "salesforce",
    name: "Salesforce migration",
    kind: "project",
    visibility: "private",
    description: "The project team and pilot users of the move from our old CRM to Salesforce: plan, weekly notes, data mapping, decisions. Everyone else: see \"Onboarding: new CRM\".",
    owner: "thomas.girard",
    animators: ["weiling.tan"],
    members: [
      "gabriel.nakamura", "mamadou.diallo", "david.okafor", "tyler.brooks", "julien.moreau", "sophie.lefevre", "rachel.goldberg",
      "arjun.nair", "lucas.oliveira", "jonathan.lim", "kevin.obrien", "hugo.petit", "daniel.kim", "mariana.costa", "marcus.johnson",
    ],
  },
  {
    key: "wellbeing",
    name: "Well-being & mutual help",
    kind: "wellbeing",
    visibility: "private",
    description: "A quiet place during the reorganisation and the move: occupational-health appointments, a mutual-help forum, the FAQ and HR follow-up. What is said here stays here.",
    rules: unwrap(`- Kindness first. Nobody has to justify how they feel.
- What is shared here is not repeated elsewhere.
- You can ask a question anonymously: write to an animator, who posts it for you.
- This is not an emergency service: in danger, call local emergency services or the 24/7 employee assistance line.`),
    owner: "elodie.rousseau",
    animators: ["camila.ferreira", "nurul.aziz"],
    members: [
      "karim.benali", "lea.marchand", "siti.rahman", "maria.gonzalez", "mariana.costa", "sophie.lefevre", "nadia.haddad",
      "claire.fontaine", "priya.raman", "beatriz.santos", "jennifer.walsh", "mei.chen", "admin",
    ],
  },
  {
    key: "onboarding",
    name: "Onboarding: new CRM",
    kind: "onboarding",
    visibility: "open",
    description: "Training material, quick-start guides and a forum for the new CRM (Salesforce). Ask anything: users answer each other, and the CRM team answers within 4 business hours.",
    owner: "nurul.aziz",
    animators: ["weiling.tan", "thomas.girard"],
    members: [
      "sophie.lefevre", "hugo.petit", "marcus.johnson", "kevin.obrien", "arjun.nair", "kenji.watanabe", "jonathan.lim",
      "lucas.oliveira", "thiago.almeida", "rachel.goldberg", "julien.moreau", "priya.raman", "beatriz.santos", "claire.fontaine",
      "daniel.kim", "gabriel.nakamura",
    ],
  },
  {
    key: "horizon",
    name: "Client space — Banque Horizon",
    kind: "client",
    visibility: "secret",
    description: "Shared space with Banque Horizon for their travel-risk and assistance programme. A client guest is in this group: no internal pricing, no other client's information.",
    rules: "Banque Horizon's team can read everything here. Case details stay in the case tool; refer to a ticket number.",
    owner: "antoine.dubois",
    animators: ["julien.moreau"],
    members: ["sandrine.vidal", "jennifer.walsh", "karim.benali", "oliver.bennett", "mamadou.diallo"],
  },
  {
    key: "acme",
    name: "Client space — Acme Insurance",
    kind: "client",
    visibility: "secret",
    description: "Shared space with Acme Insurance for the 2025 contract renewal and the quarterly service reviews. A client guest is in this group.",
    rules: "Acme's team can read everything here. No other client's information, no internal margins.",
    owner: "rachel.goldberg",
    animators: ["julien.moreau"],
    members: ["hannah.whitfield", "sophie.lefevre", "marcus.johnson", "arjun.nair", "lucas.oliveira", "maria.gonzalez", "mamadou.diallo"],
  },
  {
    key: "leadership",
    name: "Leadership circle",
    kind: "project",
    visibility: "secret",
    description: "Heads of department and sites: figures, priorities, and the decisions that need everyone's view before they are announced.",
    owner: "oliver.bennett",
    animators: ["admin"],
    members: ["julien.moreau", "rachel.goldberg", "kevin.obrien", "jonathan.lim", "mariana.costa", "david.okafor", "rajesh.kumar", "fernanda.rodrigues"],
  },
  {
    key: "help",
    name: "Help & feedback",
    kind: "community",
    visibility: "open",
    description: "Questions about Comptoir, the charter or moderation, bug reports and ideas for the network. The administrators read everything here.",
    owner: "admin",
    animators: ["david.okafor"],
    members: [
      "lea.marchand", "karim.benali", "thomas.girard", "claire.fontaine", "mamadou.diallo", "hugo.petit", "oliver.bennett",
      "elodie.rousseau", "rachel.goldberg", "marcus.johnson", "priya.raman", "maria.gonzalez", "tyler.brooks", "aisha.williams",
      "weiling.tan", "siti.rahman", "mei.chen", "nurul.aziz", "kenji.watanabe", "lucas.oliveira", "mariana.costa",
      "rafael.souza", "beatriz.santos", "camila.ferreira", "gabriel.nakamura",
    ],
  },
  {
    key: "careers",
    name: "Careers & referrals",
    kind: "community",
    visibility: "open",
    description: "Open positions, the referral programme (a bonus when someone you recommend joins), internal mobility and mentoring.",
    owner: "aisha.williams",
    animators: ["camila.ferreira"],
    members: [
      "nurul.aziz", "elodie.rousseau", "hugo.petit", "kevin.obrien", "thiago.almeida", "jonathan.lim", "rachel.goldberg",
      "julien.moreau", "lucas.oliveira", "gabriel.nakamura", "tyler.brooks", "antoine.dubois", "mei.chen", "priya.raman",
      "daniel.kim", "beatriz.santos",
    ],
  },
  {
    key: "running",
    name: "Running club",
    kind: "community",
    visibility: "open",
    description: "Runners of all paces in Paris, New York, Singapore and São Paulo: group runs, races, and the monthly team challenge. Walkers welcome.",
    owner: "mamadou.diallo",
    animators: ["grace.ong"],
    members: ["admin", "oliver.bennett", "rachel.goldberg", "aisha.williams", "arjun.nair", "beatriz.santos", "lucas.oliveira", "siti.rahman", "fernanda.rodrigues", "camila.ferreira", "hugo.petit"],
  },
  {
    key: "ithelp",
    name: "IT help",
    kind: "community",
    visibility: "open",
    description: "Laptops, phones, VPN, headsets, SSO. Post your problem: a colleague often answers before the IT team does. Urgent outages: open a ticket.",
    owner: "rafael.souza",
    animators: ["tyler.brooks"],
    members: [
      "david.okafor", "thomas.girard", "gabriel.nakamura", "mamadou.diallo", "lea.marchand", "karim.benali", "maria.gonzalez",
      "siti.rahman", "grace.ong", "joao.pereira", "nadia.haddad", "kenji.watanabe", "mei.chen", "jennifer.walsh", "antoine.dubois", "admin",
    ],
  },
  {
    key: "marketing",
    name: "Marketing",
    kind: "community",
    visibility: "open",
    description: "Brand guidelines, client newsletter, launches and events. Send us your client stories (with their permission) and your feedback on the new brand.",
    owner: "claire.fontaine",
    animators: ["mei.chen"],
    members: ["priya.raman", "beatriz.santos", "admin", "hugo.petit", "kevin.obrien", "thiago.almeida", "sophie.lefevre", "jennifer.walsh"],
  },
];

const posts = [];

/**
 * One post, in the order it is written within its group (the seed interleaves groups so the home feed mixes them).
 * `opts`: kind, title, url, tags, mustRead, and `ref` to name a post elsewhere in this file. `comments`: `[author,
 * body, replies?]` with replies `[author, body]`, written in that order after the post.
 */
function post(group, author, body, opts = {}, comments = []) {
  posts.push({ group, author, body: unwrap(body), opts, comments });
}

/** A link of the collaborative watch: a link post with its title and URL, all tagged #veille (the watch). */
function link(group, author, title, url, body, comments = []) {
  post(group, author, body, { kind: "link", title, url, tags: ["veille"] }, comments);
}

// ——— Toolbox ———
post("toolbox", "lea.marchand", `**Welcome to the Toolbox!** 🧰

This is where we share the tips we wish someone had told us on our first night shift. How it works:
- one tip per post, with a clear first line so it is easy to find in search;
- a tag or two (#zendesk, #excel, #expenses, #travel…) so people can follow what they care about;
- links worth keeping go in as **link posts**: rate them, and the best ones float to the top.

Ask your questions here too: someone in Paris, New York, Singapore or São Paulo is always awake.`, {}, [
  ["siti.rahman", "Thanks Léa! I'll start with our Singapore night-shift handover checklist."],
  ["maria.gonzalez", "Love it. Could we have a #spanish tag for the templates we translate in New York?", [["lea.marchand", "Of course — tags are free, just use them 🙂"]]],
]);

post("toolbox", "siti.rahman", `### Night-shift handover checklist 🌙

What we hand over to Paris every morning at 07:00 CET:
1. Open medical cases, with the **next action and its owner**
2. Evacuations in progress and the provider's ETA
3. Cases waiting for a guarantee of payment
4. Anything a client's travel manager asked to be called about

We paste it in the shared Zendesk view "Handover". {@karim.benali}, tell me if your team needs more. #handover #zendesk`, {}, [
  ["karim.benali", "Parfait. Could you add the local time of the last call with the family? Our morning team always asks.", [["siti.rahman", "Good idea, added from tomorrow."]]],
  ["mariana.costa", "We'll copy this for the São Paulo → New York handover. Thanks Siti!"],
]);

post("toolbox", "nadia.haddad", `**Notes de frais : l'astuce qui évite 80 % des rejets**

Avant d'envoyer une note de frais dans Concur :
- photographiez le ticket **en entier** (date et TVA visibles) ;
- une dépense = une ligne, même pour un taxi aller-retour ;
- en devise étrangère, laissez Concur convertir : ne saisissez pas le montant en euros vous-même.

Vos questions sont les bienvenues ici. #expenses #notedefrais`, {}, [
  ["hugo.petit", "La conversion en euros, c'est exactement ce qui m'a valu deux rejets le mois dernier 😅"],
  ["julien.moreau", "Merci Nadia. Et pour un repas client avec plusieurs invités ?", [["nadia.haddad", "Noms et sociétés des invités dans le commentaire de la ligne, c'est tout. Pas de justificatif en plus."]]],
]);

post("toolbox", "mamadou.diallo", `**#excel tip: stop using VLOOKUP on client exports**

Use XLOOKUP instead — it doesn't break when someone inserts a column:

    =XLOOKUP(A2, Cases!B:B, Cases!F:F, "not found")

And if you need the same figure every month, ask me for a dashboard instead: it is probably already in Power BI. #powerbi`, {}, [
  ["daniel.kim", "XLOOKUP plus a named table and I never touch that sheet again. Great tip."],
  ["joao.pereira", "Para quem usa o Excel em português: é PROCX. 😉", [["mamadou.diallo", "Et en français : RECHERCHEX. Obrigado João !"]]],
]);

post("toolbox", "karim.benali", `Question pour les superviseurs : comment gérez-vous les pics d'appels du **dimanche soir** (retours de vacances) ?

Chez nous, le taux de décroché tombe à 82 % entre 20 h et 23 h. On a testé le rappel automatique : résultats mitigés. Vos idées ? #staffing #hotline`, {}, [
  ["mariana.costa", "In São Paulo we moved two people from the morning shift to a 15:00–23:00 shift on Sundays. Pick-up rate went from 79% to 94%.", [["karim.benali", "Merci Mariana, je teste sur les quatre prochains dimanches et je vous dis."]]],
  ["maria.gonzalez", "We also added a short IVR message pointing to the app for non-urgent requests. About 15% of callers use it."],
]);

post("toolbox", "lea.marchand", `**Tip: the first sentence on the phone matters more than the script**

When someone calls from a roadside at night, I start with: *"You're safe talking to me now, and I'm staying on the line until help is on its way."* Then the questions.

Callers give clearer locations when they are calmer. Our average time-to-dispatch went down by almost a minute. #callhandling`, {}, [
  ["maria.gonzalez", "We translated it for our Spanish line: «Está a salvo hablando conmigo, me quedo en la línea hasta que llegue la ayuda». Works just as well."],
  ["siti.rahman", "Stealing this for our training deck."],
]);

post("toolbox", "thomas.girard", `**Before you export a CRM report to Excel…**

…check the filter "Account owner = My accounts" at the top. Half of the "the numbers are wrong" tickets I get come from it.

Also: exports are capped at **2,000 lines** in the current CRM. If you get exactly 2,000, you are missing rows. #crm #excel`, {}, [
  ["sophie.lefevre", "Coupable. Merci Thomas 🙈"],
  ["arjun.nair", "Does the 2,000 cap go away with Salesforce?", [["thomas.girard", "Yes — and with proper dashboards you'll need fewer exports. Details in the Salesforce migration group."]]],
]);

post("toolbox", "rajesh.kumar", `**Finding a trusted clinic at 2 am: the APAC provider map**

The map lists every clinic we have a direct-billing agreement with, with its English-speaking contact and the date of its last quality audit. Filter by city, then by "24/7".

If a clinic is not on the map, call the regional medical team **before** sending a patient there. #providers #medical`, {}, [
  ["siti.rahman", "The audit date column is gold. Thank you Rajesh!"],
  ["fernanda.rodrigues", "Could we build the same for LatAm roadside providers? Happy to help, {@rajesh.kumar}.", [["rajesh.kumar", "Let's have a call next week, I'll share the template."]]],
]);

post("toolbox", "maria.gonzalez", `**Friday lessons learned — week 12** 📝

1. A caller's phone battery is the real countdown: **ask for the battery level early**, and agree on a call-back time.
2. Insurance cards with two numbers on them: check which one the client's programme uses (in the ticket, not here — see the charter).
3. The new Spanish macro for hotel extensions is live in Zendesk.

Have a good weekend, team! #lessonslearned #zendesk`, {}, [
  ["lea.marchand", "Point 1 should be in every onboarding. 🔋"],
  ["karim.benali", "On l'ajoute au script de Paris dès lundi."],
]);

post("toolbox", "grace.ong", `Quick one for APAC travellers: if you pay in SGD but your cost centre is in EUR, **don't convert it yourself** — the monthly rate is applied when the claim is posted.

Receipts in Thai, Bahasa or Japanese are fine as long as the amount and the date are readable. #expenses`, {}, [
  ["kenji.watanabe", "Good to know — my Tokyo receipts always worried me."],
]);

post("toolbox", "julien.moreau", `Quelqu'un a un bon modèle de **plan de renouvellement** pour un grand compte ? J'en prépare un et j'aimerais éviter de repartir d'une page blanche. #renouvellement #keyaccounts`, {}, [
  ["sophie.lefevre", "Je t'envoie celui du compte flotte auto de l'an dernier, il a bien marché."],
  ["rachel.goldberg", "{@julien.moreau} the Americas playbook has one in section 4, in English. Happy to walk you through it.", [["julien.moreau", "Perfect, thanks Rachel — Thursday?"], ["rachel.goldberg", "Thursday 14:00 Paris works."]]],
]);

post("toolbox", "tyler.brooks", `**PSA: check the status page before opening a ticket**

If Zendesk or the phones feel slow, look at the IT status page first (link in the intranet footer): we post incidents there within 5 minutes. It saves everyone a duplicate ticket in the middle of an outage. #it #zendesk`);

post("toolbox", "kenji.watanabe", `**Meeting a Japanese client for the first time? Five things**

1. Bring business cards, and receive theirs with both hands.
2. On time means five minutes early.
3. Don't expect a decision in the meeting: it is made afterwards, by consensus.
4. A short written summary the next day is appreciated.
5. Silence is not a "no". Wait.

Ask me anything before your trip! #japan #keyaccounts`, {}, [
  ["marcus.johnson", "Point 5 is so hard for a New Yorker 😄 Thanks Kenji."],
  ["arjun.nair", "Great list. The summary-the-next-day habit works in Jakarta too."],
]);

post("toolbox", "joao.pereira", `For everyone billing Brazilian clients: the **nota fiscal** must be issued before the payment is due, not after. If a client asks you to postpone it, talk to me first — it has tax consequences on our side. #finance #brazil`, {}, [
  ["lucas.oliveira", "Good reminder, this bit me last year with an agribusiness client."],
]);

post("toolbox", "oliver.bennett", `**Lean tip of the month: five whys on a late tow truck**

Last month a tow truck arrived 70 minutes late. Why? The provider was called late. Why? The location was unclear. Why? No GPS pin. Why? The caller didn't know how to share one. Why? Our SMS didn't explain it.

Fix: a new SMS with a one-tap location link. Unclear locations are down by a third since. #lean #quality`, {}, [
  ["fernanda.rodrigues", "We'll use the same SMS in Chile for the launch."],
  ["lea.marchand", "La différence se voit vraiment sur le plateau, merci Oliver."],
]);

post("toolbox", "siti.rahman", `Does anyone have **Indonesian** versions of the hospital admission templates? We have Malay ones, but families in Jakarta ask for Bahasa Indonesia. #templates`, {}, [
  ["arjun.nair", "I can ask our client's HR team in Jakarta to proofread if you draft them."],
  ["rajesh.kumar", "The Jakarta clinic network coordinator offered to help too, I'll connect you.", [["siti.rahman", "Thank you both 🙏"]]],
]);

post("toolbox", "hugo.petit", `Astuce prospection PME : avant un premier appel, je regarde les **offres d'emploi** du prospect. S'il recrute des profils « export » ou « international », il va envoyer des gens à l'étranger : l'accroche est toute trouvée. #prospection #sales`, {}, [
  ["lucas.oliveira", "Same trick works in Brazil with LinkedIn job posts 👍"],
]);

post("toolbox", "marcus.johnson", `How do you handle a client who calls **you** (the key account manager) in the middle of an assistance case instead of the hotline? I don't want to be rude, but I can't coordinate a medical case from an airport lounge. #keyaccounts`, {}, [
  ["rachel.goldberg", "Reassure, then hand over warmly: call the hotline *with* them on a three-way call. They learn the hotline is good, and you stay their trusted contact."],
  ["karim.benali", "Et prévenez le superviseur de permanence : on passe le dossier en priorité quand c'est un grand compte.", [["marcus.johnson", "Great advice, both of you. Thanks!"]]],
]);

post("toolbox", "lea.marchand", `**Zendesk shortcuts that save me an hour a week**
- **Ctrl+Alt+M**: apply a macro
- **Ctrl+Alt+O**: submit as open
- **Ctrl+Alt+P**: submit as pending
- **Ctrl+Alt+S**: submit as solved (careful!)

On a Mac, replace Ctrl+Alt with Ctrl+Option. #zendesk`, {}, [
  ["siti.rahman", "Ctrl+Alt+S at 4 am is dangerous 😅 but yes, huge time saver."],
]);

post("toolbox", "daniel.kim", `**#excel: a pivot table that keeps up with your data**

Format your data as a table (Ctrl+T) *before* building the pivot. New rows are picked up on refresh — no more "why is last week missing".

Bonus: PivotTable Options → Data → "Refresh data when opening the file".`, {}, [
  ["nadia.haddad", "Indispensable. Merci Daniel !"],
]);

post("toolbox", "fernanda.rodrigues", `Roadside tip for Patagonia: mobile coverage drops for 100+ km stretches on Ruta 40. We now give drivers on long-distance fleet contracts a **satellite messenger**. Ask me if your client sends people down there. #roadside #latam`);

post("toolbox", "mariana.costa", `**How we make "every question answered within the hour" real**

In Zendesk: a view of tickets with no public reply after **45 minutes**, shown on the wall screen. Whoever is free takes the oldest. No blame, just the clock. 97.8% last month. #quality #zendesk`, {}, [
  ["karim.benali", "On installe le même écran à Paris après le déménagement."],
  ["maria.gonzalez", "The 45-minute trigger rather than 60 is smart: it leaves room to act."],
]);

post("toolbox", "antoine.dubois", `Retour de mission : pour un **exercice de crise** chez un client, rien ne vaut un scénario réaliste et court (45 minutes) plutôt qu'une journée entière. Les participants restent concentrés et on peut le rejouer chaque trimestre. Je partage mon modèle de scénario à qui veut. #crise #consulting`, {}, [
  ["jennifer.walsh", "Yes please! I'm running one for a client in April.", [["antoine.dubois", "Envoyé, Jennifer. Tell me how it goes."]]],
]);

post("toolbox", "arjun.nair", `**One meeting slot for Paris, New York, Singapore and São Paulo** 🌍

**13:00 Paris / 07:00 New York / 20:00 Singapore / 09:00 São Paulo** (northern winter time). It moves by an hour in March and in October/November — check before you send the invite! #timezones`, {}, [
  ["lucas.oliveira", "Remember Brazil dropped daylight saving time in 2019, so São Paulo moves relative to everyone else."],
  ["kenji.watanabe", "21:00 in Tokyo, but fine once a month 😅"],
]);

post("toolbox", "rafael.souza", `**VPN keeps dropping on hotel Wi-Fi?** Switch the VPN protocol from "Automatic" to "SSL" in the client settings: many hotel networks block the default one. #it #travel`, {}, [
  ["julien.moreau", "Ça marche ! Testé ce matin à Francfort."],
  ["kenji.watanabe", "Fixed my problem in Osaka. Thank you!"],
]);

post("toolbox", "jennifer.walsh", `**Duty-of-care checklist for a client's first high-risk trip**
- pre-travel briefing with security and medical advice
- a check-in schedule, and what happens when a check-in is missed
- local emergency numbers *and* our hotline saved offline
- proof-of-life questions on file

Happy to adapt it to your client. #dutyofcare`, {}, [
  ["antoine.dubois", "Je l'utilise pour Banque Horizon, avec ton accord 🙂", [["jennifer.walsh", "Of course!"]]],
]);

post("toolbox", "weiling.tan", `A CRM tip while we wait for Salesforce: a saved search with "Last activity > 90 days" on your own accounts is the fastest way to find the ones you are neglecting. Be brave and run it. 😬 #crm`, {}, [
  ["julien.moreau", "Courageux en effet. 14 comptes. Au travail."],
]);

post("toolbox", "sophie.lefevre", `Question Excel : comment figer la première ligne **et** la première colonne en même temps ? Je n'y arrive jamais. #excel`, {}, [
  ["daniel.kim", "Select cell B2, then View → Freeze Panes → Freeze Panes. Everything above and to the left of B2 stays put.", [["sophie.lefevre", "Magique. Merci Daniel !"]]],
  ["mamadou.diallo", "En français : Affichage → Figer les volets, même principe."],
]);

post("toolbox", "lucas.oliveira", `Tip for anyone visiting clients in Santiago or Buenos Aires: **tap-to-pay works almost everywhere**, but keep some cash for taxis from the airport at night. And agree the fare before you get in. #travel #latam`);

post("toolbox", "hugo.petit", `Quelqu'un a le contact du gestionnaire sinistres chez Acme ? Dossier ACM-2291-0043, police n° 7781-220-394 : le client attend une prise en charge depuis hier et personne ne rappelle.`, { ref: "reported" });

post("toolbox", "karim.benali", `**Astuce plateau : le « mot de passe » de relève**

Quand un dossier sensible passe d'une équipe à l'autre, on note dans le ticket la dernière chose promise à l'appelant (« on vous rappelle avant 9 h »). La nouvelle équipe tient la promesse, même si elle ne connaît pas le dossier. #handover #callhandling`, {}, [
  ["siti.rahman", "We do the same from Singapore, we call it \"the promise line\". 👍"],
]);

post("toolbox", "thomas.girard", `Petit rappel : pour les **doublons de comptes** dans le CRM, ne les fusionnez pas vous-mêmes, signalez-les dans le ticket CRM. La fusion casse l'historique des dossiers si elle est mal faite. #crm`);

// The collaborative watch (Toolbox).
link("toolbox", "lea.marchand", "WHO — Travel and health", "https://www.who.int/health-topics/travel-and-health",
  `The page we check before every medical repatriation briefing. Vaccination requirements are listed by country. #medical #travel`);
link("toolbox", "mamadou.diallo", "Microsoft Support — XLOOKUP function", "https://support.microsoft.com/en-us/office/xlookup-function-b7fd680e-6d10-43e6-84f9-88eae8bf5929",
  `The official reference, with examples you can copy. Pairs well with my tip above. #excel`);
link("toolbox", "siti.rahman", "Zendesk help centre — macros and shortcuts", "https://support.zendesk.com/hc/en-us",
  `Search "macros" and "keyboard shortcuts": two articles every new coordinator should read in week one. #zendesk`);
link("toolbox", "tyler.brooks", "Cloudflare Learning — What is a VPN?", "https://www.cloudflare.com/learning/access-management/what-is-a-vpn/",
  `A clear five-minute explanation of what the VPN does for you on hotel Wi-Fi, and what it doesn't. #it #travel`);
link("toolbox", "jennifer.walsh", "ISO 31030:2021 — Travel risk management", "https://www.iso.org/standard/54204.html",
  `The standard our clients' security teams quote in tenders. Worth knowing the outline before a duty-of-care meeting. #dutyofcare`, [
  ["antoine.dubois", "Indispensable pour les appels d'offres banques. Merci Jennifer."],
]);
link("toolbox", "rajesh.kumar", "GOV.UK — Foreign travel advice", "https://www.gov.uk/foreign-travel-advice",
  `Country-by-country advice, updated quickly when things change. Our APAC team checks it together with the French and US equivalents. #travel`);
link("toolbox", "nadia.haddad", "France Diplomatie — Conseils aux voyageurs", "https://www.diplomatie.gouv.fr/fr/conseils-aux-voyageurs/",
  `La référence côté français, avec les cartes de vigilance par pays. À consulter avant tout déplacement client en zone orange. #travel #voyage`);
link("toolbox", "oliver.bennett", "Wikipedia — Five whys", "https://en.wikipedia.org/wiki/Five_whys",
  `The method behind my lean tip, with its limits (it can stop at the first convenient cause). #lean`);

// ——— Office move to La Défense ———
post("move", "oliver.bennett", `## Office move to La Défense: the dates 📦

We move from rue de Provence to **Tour Ellipse, La Défense (12th floor)** in two waves:
- **Wave 1 — Friday 14 March**: Key Accounts, Sales, Marketing, Finance and HR
- **Wave 2 — Friday 28 March**: Customer Support and IT. The assistance centre switches over during the night, with the Singapore platform as backup.

Crates arrive on the Monday before your wave. Ask your questions here: {@elodie.rousseau}, {@admin} and I answer within the day. #demenagement`, { kind: "announcement", mustRead: true }, [
  ["julien.moreau", "Merci Oliver, c'est clair. Les salles clients seront prêtes pour la vague 1 ?", [["oliver.bennett", "Yes, both client rooms are ready on 14 March."]]],
  ["karim.benali", "Pour le plateau, on a bien noté la bascule de nuit. On prépare les équipes."],
]);

post("move", "admin", `**Badges, parking and access at La Défense**

- New badges are handed out the week before your wave, at reception (rue de Provence, 2nd floor).
- The car park has 40 spaces, allocated first to the night shifts of the assistance centre.
- Bike room on level -1, with showers. 🚲
- The assistance centre is open 24/7; the rest of the floor from 07:00 to 21:00.

#demenagement`, { kind: "announcement", mustRead: true }, [
  ["lea.marchand", "Enfin un local vélo ! Merci Camille."],
]);

post("move", "karim.benali", `Question pour le plateau : est-ce que les **casques sans fil** suivent, ou on repart sur du filaire dans la tour ? Les équipes de nuit ont besoin de savoir avant de faire leurs cartons. #demenagement`, {}, [
  ["david.okafor", "New wireless headsets are installed at every desk of the new centre. The old ones go back to IT in your crate, labelled \"IT\".", [["karim.benali", "Super nouvelle, merci David !"]]],
]);

post("move", "sophie.lefevre", `Quelqu'un a testé le trajet depuis la **gare de Lyon** ? RER A direct, mais aux heures de pointe… Des retours ? #demenagement #transport`, {}, [
  ["thomas.girard", "RER A puis 5 minutes à pied. Bondé à 8 h 30, mais ça passe si on part avant 8 h."],
  ["hugo.petit", "Ligne 1 jusqu'à Esplanade de La Défense : plus long, mais assis 😄"],
]);

post("move", "claire.fontaine", `**Naming the meeting rooms** 🗳️

We get nine meeting rooms on the 12th floor. Proposal: name them after the cities where we have assistance centres and partners — *Paris, New York, Singapore, São Paulo, Santiago, Tokyo, Jakarta, Casablanca, Montréal*. Other ideas? #demenagement`, {}, [
  ["mamadou.diallo", "Et Dakar ! 😉"],
  ["oliver.bennett", "Love it. Let's add Dakar and drop one — {@claire.fontaine}, could you run a poll?", [["claire.fontaine", "Poll on Monday!"]]],
]);

post("move", "thomas.girard", `**IT checklist before you pack** 💻
1. Save everything that lives on your desktop to OneDrive.
2. Put your docking station, keyboard and mouse in the crate marked **IT**, with your name.
3. Laptops travel with you, not in the crates.
4. Desk phones stay: the new desks have softphones.

#demenagement #it`, {}, [
  ["nadia.haddad", "Et les écrans ?", [["thomas.girard", "Les écrans restent, il y en a deux neufs par poste là-bas."]]],
]);

post("move", "nadia.haddad", `Pour la comptabilité : les archives papier de plus de 10 ans partent au stockage externe, pas à La Défense. **Merci de vider vos tiroirs avant le 7 mars !** Les bacs de tri sont au 3e. #demenagement #archives`);

post("move", "lea.marchand", `Will the assistance centre have **windows** this time? Asking for thirty people who have been facing a wall for five years. 🙏 #demenagement`, {}, [
  ["oliver.bennett", "Yes! North-east side of the 12th floor: you'll see the Grande Arche."],
  ["karim.benali", "Enfin !"],
]);

post("move", "oliver.bennett", `**Weekly move update no. 3**
- Furniture delivered ✅
- Network cabling: 80% ✅
- Telephony switchover test: Sunday 9 March ⏳
- Staff restaurant opening delayed to 17 March ❌ (food trucks on the esplanade until then)

#demenagement`, {}, [
  ["hugo.petit", "Les food trucks, ce n'est pas vraiment une mauvaise nouvelle 😄"],
]);

post("move", "hugo.petit", `Il y a une **salle de sport** dans la tour ? Je demande pour un ami. 🏋️ #demenagement`, {}, [
  ["admin", "Oui, au niveau -2, accès avec le badge de 7 h à 21 h. Ton ami sera ravi."],
]);

post("move", "mamadou.diallo", `For the Running club: the loop from La Défense to the Île de Puteaux and back along the Seine is about 6 km. Lunchtime run on the first Thursday after the move? #running #demenagement`, {}, [
  ["admin", "Je viens !"],
  ["oliver.bennett", "Count me in."],
]);

post("move", "antoine.dubois", `Pour les consultants souvent chez les clients : y aura-t-il des postes en **flex office** ? Je ne viens au bureau qu'un jour par semaine. #demenagement`, {}, [
  ["elodie.rousseau", "Oui : 20 postes en flex office au 12e, côté ouest, réservables dans l'outil de réservation des salles."],
]);

post("move", "claire.fontaine", `The moving company needs crate labels in the format **FLOOR-ZONE-DESK** (for example 12-B-07). Your desk number is on the floor plan Oliver sent by email. Labels are at reception. #demenagement`);

post("move", "david.okafor", `**Telephony switchover test: Sunday 9 March, 02:00–04:00 CET.**

During the test, calls to the Paris hotline are routed to Singapore. {@siti.rahman}'s team is ready, and {@karim.benali} is on site. Nothing to do on your side. #demenagement #it`, {}, [
  ["karim.benali", "Confirmé, je serai sur place avec deux chargés d'assistance."],
]);

post("move", "sophie.lefevre", `Je suis passée voir l'étage hier : la vue depuis le 12e, c'est tout Paris, avec la tour Eiffel à gauche. Ça vaut le trajet. 😍 #demenagement`);

post("move", "karim.benali", `Les équipes de nuit demandent une solution pour la **relève de 5 h** : le RER ne roule pas encore. {@elodie.rousseau}, on en parle ?`, {}, [
  ["elodie.rousseau", "Oui : le taxi reste pris en charge pour la relève de 5 h, comme aujourd'hui. Je le confirme par écrit cette semaine.", [["karim.benali", "Merci Élodie, ça rassure tout le monde."]]],
]);

post("move", "nadia.haddad", `Question fréquente : est-ce qu'on rembourse la différence de zones du Navigo ? Le Navigo est déjà **toutes zones**, donc rien ne change : 50 % remboursés comme aujourd'hui. #demenagement`);

post("move", "thomas.girard", `Printers at La Défense use **badge release**: your printout only comes out when you badge at the printer, so confidential documents don't sit in the tray. Your badge is enrolled the first time you print. #demenagement #it`);

post("move", "elodie.rousseau", `**Déménagement : permanence RH sur place**

Pendant les deux semaines du déménagement, je tiens une permanence au 12e, **mardi et jeudi de 12 h à 14 h**. Horaires, télétravail, trajets : passez me voir, ou écrivez ici. #demenagement`, { kind: "announcement", mustRead: false });

post("move", "julien.moreau", `Bonne nouvelle pour les clients : la grande salle du 12e a un vrai système de visio. Première visite client prévue le 2 avril. #demenagement`);

post("move", "admin", `**Thank you, wave 1!** 142 crates moved, none lost, one broken mug (sorry Julien). Wave 2 in two weeks: same drill. #demenagement`, {}, [
  ["julien.moreau", "RIP the mug ☕"],
  ["oliver.bennett", "Great job everyone. The floor already feels like home."],
]);

post("move", "lea.marchand", `Petit retour après la première semaine : la salle de pause du plateau est top, mais il manque un micro-ondes pour les équipes de nuit (le restaurant est fermé la nuit). {@oliver.bennett} ? #demenagement`, {}, [
  ["oliver.bennett", "Two microwaves ordered, arriving Thursday. Thanks for flagging!"],
]);

// ——— Training needs ———
post("training", "elodie.rousseau", `**The 2025 training needs survey is open** until 31 March 📋

Ten minutes, anonymous, in English or French. Results will be shared here in April. Topics we already hear a lot about: Salesforce, Excel, negotiation, first aid, languages. Tell us what is missing! #formation #training`, { kind: "announcement", mustRead: true }, [
  ["nurul.aziz", "APAC link is the same. Please share it with your teams!"],
  ["camila.ferreira", "Também em português para as equipes de São Paulo 🇧🇷"],
]);

post("training", "karim.benali", `Besoin pour le plateau : une formation **gestion du stress** pour les chargés d'assistance de nuit. Les appels graves s'enchaînent, et on apprend surtout sur le tas. #formation #bienetre`, {}, [
  ["elodie.rousseau", "Noté en priorité. Je regarde avec la médecine du travail pour une session en avril."],
  ["mariana.costa", "We did one in São Paulo last year with a psychologist who had worked in an ER. Happy to share the contact."],
]);

post("training", "maria.gonzalez", `Spanish and Portuguese refreshers for support reps: could we share a teacher between New York and São Paulo? #languages #formation`, {}, [
  ["mariana.costa", "Yes! Or trade: our team teaches Portuguese, yours teaches New York Spanish slang 😄"],
  ["camila.ferreira", "I'll check the budget with {@elodie.rousseau}."],
]);

post("training", "sophie.lefevre", `Est-ce qu'on pourrait faire venir un formateur en **négociation avancée** pour les KAM Europe au deuxième trimestre ? La dernière session date de 2021. #negociation #formation`, {}, [
  ["arjun.nair", "APAC KAMs would join remotely if the timing works 🙋"],
]);

post("training", "arjun.nair", `Request: **Salesforce reporting** training *before* go-live, not after. Half of us will need our dashboards on day one. #salesforce #formation`, {}, [
  ["nurul.aziz", "Noted — we're planning it with {@weiling.tan} in the Onboarding group."],
]);

post("training", "nurul.aziz", `**APAC training calendar, Q2**
- April: Zendesk advanced (2 × 2 h)
- May: first-aid refresher (one day, on site)
- June: presentation skills for client reviews

Registration with me. #formation #training`);

post("training", "lucas.oliveira", `I would love a session on **reading a P&L for client accounts**. I negotiate prices without always knowing our margin. #finance #formation`, {}, [
  ["joao.pereira", "I can do it in one hour — Brazilian edition first, then for everyone."],
  ["daniel.kim", "Happy to co-host for the US accounts.", [["lucas.oliveira", "Deal! Thanks both."]]],
]);

post("training", "camila.ferreira", `**Mentoring programme**: eight senior key account managers paired with eight newer ones, one hour a month for six months. Mentors, raise your hand! #mentoring #formation`, {}, [
  ["marcus.johnson", "Count me in as a mentee!"],
  ["rachel.goldberg", "Happy to mentor. Paired across regions, ideally."],
]);

post("training", "lea.marchand", `Proposition : des sessions de **30 minutes « astuce du mois »** entre pairs, plutôt que des formations longues. Je commence avec Zendesk en avril ? #formation`, {}, [
  ["siti.rahman", "Yes! And let's record it for the night shift."],
]);

post("training", "mamadou.diallo", `**Power BI for beginners**: 3 × 1 hour, I'm teaching, remote-friendly. Who's in? #powerbi #formation`, {}, [
  ["daniel.kim", "In."],
  ["grace.ong", "Me too, from Singapore if the time works."],
]);

post("training", "hugo.petit", `Une formation **anglais commercial** pour les commerciaux PME ? Mes clients ont de plus en plus de filiales à l'étranger et mes appels en anglais manquent d'aisance. #formation #anglais`);

post("training", "daniel.kim", `Finished the Power Query course: it is a game changer for the monthly close. 3 hours of copy-paste became 10 minutes. Notes here for anyone interested. #excel #formation`);

post("training", "priya.raman", `Request: a **presentation skills** workshop focused on client QBRs (quarterly business reviews). Fewer slides, better stories. #formation`, {}, [
  ["kenji.watanabe", "Yes, and include how to present to an audience that doesn't react — very useful in Japan."],
]);

post("training", "kenji.watanabe", `Would teams working with Japanese clients like a short **cultural briefing**? I can run 45 minutes remotely, in English. #japan #formation`, {}, [
  ["nurul.aziz", "Yes! Let's put it in the Q2 calendar."],
]);

post("training", "grace.ong", `**Finance for non-finance managers** — APAC edition in May, two half-days. Register with {@nurul.aziz}. #finance #formation`);

post("training", "thiago.almeida", `Is there any training on **selling to SMEs**? Our pitch is built for large corporate clients and it doesn't land with a 50-person company. #sales #formation`, {}, [
  ["hugo.petit", "Même constat en France. On pourrait en monter une ensemble ?", [["thiago.almeida", "Let's do it!"]]],
]);

post("training", "elodie.rousseau", `Premiers résultats du sondage : **62 % de participation** 🎉 Top 3 des demandes : Salesforce, gestion du stress, anglais. Le détail par site arrive en avril. #formation`, {}, [
  ["nurul.aziz", "APAC participation at 71% — thank you all!"],
]);

post("training", "aisha.williams", `**Interview training for hiring managers**: structured interviews reduce bias and make decisions faster. Next session 15 May in New York, remote-friendly. #recruiting #formation`);

post("training", "joao.pereira", `Course tip: the free IFRS 15 e-learning from our auditors is short and good. Useful for anyone who writes contract clauses on revenue. #finance #formation`);

// The collaborative watch (Training).
link("training", "elodie.rousseau", "Trailhead — Salesforce learning", "https://trailhead.salesforce.com/",
  `Free, gamified and well made. Start with the "Salesforce user basics" trail before go-live. #salesforce #formation`, [
  ["sophie.lefevre", "J'ai fini le premier module dans le train, c'est bien fait."],
]);
link("training", "nurul.aziz", "Coursera — Learning How to Learn", "https://www.coursera.org/learn/learning-how-to-learn",
  `A short course on how we learn, with practical techniques. I recommend it to every new joiner. #formation`);
link("training", "camila.ferreira", "Mind Tools — Feedback and coaching", "https://www.mindtools.com/",
  `Short articles on giving feedback, coaching and running one-to-ones. Useful for the mentoring programme. #mentoring`);
link("training", "rachel.goldberg", "Harvard Program on Negotiation", "https://www.pon.harvard.edu/",
  `Their free articles on negotiation are the best I know. The ones on renewals are gold for key account managers. #negociation #formation`);
link("training", "mamadou.diallo", "Microsoft Learn — Power BI", "https://learn.microsoft.com/en-us/training/powerplatform/power-bi",
  `Free learning paths, from "get started" to DAX. The first module is enough to read our client dashboards. #powerbi #formation`);
link("training", "karim.benali", "Croix-Rouge française — Formations aux premiers secours", "https://www.croix-rouge.fr/",
  `Pour ceux qui veulent passer le PSC1 : une journée, et on se sent beaucoup moins démuni au téléphone face à une urgence. #formation #secourisme`);
link("training", "maria.gonzalez", "Duolingo", "https://www.duolingo.com/",
  `Not a course, but ten minutes a day works. Half of my team is on a Portuguese streak now. #languages`);
link("training", "kenji.watanabe", "JETRO — Doing business in Japan", "https://www.jetro.go.jp/en/",
  `The Japan External Trade Organization's guides: practical and reliable background before a first client meeting. #japan #formation`);

// ——— Salesforce migration (private) ———
post("salesforce", "thomas.girard", `## Salesforce migration — kickoff 🚀

**The plan**
1. Data clean-up: January–February
2. Sandbox and pilot with 12 users: March
3. Go-live wave 1 (Europe): May
4. Go-live wave 2 (Americas and Asia-Pacific): June

Weekly notes every Friday here, decisions logged in the pinned post. {@weiling.tan} and I co-lead; {@gabriel.nakamura} owns the data migration. #salesforce`, {}, [
  ["david.okafor", "Great plan. IT security review of the sandbox is booked for the first week of March."],
  ["julien.moreau", "Les KAM Europe sont prêts pour le pilote. On fournit quatre testeurs."],
]);

post("salesforce", "weiling.tan", `**Weekly notes no. 1**
- Account de-duplication: 18,400 accounts → **11,250** after the automatic pass.
- 312 pairs need a human decision: assigned to their account owners, due next Friday.
- Contact e-mails: 7% invalid, we'll flag them rather than delete them.

#salesforce #dataquality`, {}, [
  ["sophie.lefevre", "J'ai 23 paires à trancher, c'est fait d'ici mercredi."],
  ["rachel.goldberg", "Americas team: 41 pairs, on it."],
]);

post("salesforce", "gabriel.nakamura", `**Data mapping: client types** 🗺️

The old "Client type" field has **47 values**. We're mapping them to 8 Salesforce record types. The spreadsheet is in the project folder, one tab per region.

{@thomas.girard} can you confirm that "Corporate – travel only" maps to *Corporate assistance* and not to *Travel programme*? #salesforce`, {}, [
  ["thomas.girard", "Confirmed: Corporate assistance. Travel programme is only for clients with a managed travel-risk programme.", [["gabriel.nakamura", "Updated, thanks."]]],
]);

post("salesforce", "julien.moreau", `Question des KAM Europe : est-ce qu'on garde l'**historique des opportunités perdues** ? On s'en sert beaucoup pour préparer les renouvellements (« pourquoi on a perdu en 2022 »). #salesforce`, {}, [
  ["weiling.tan", "Yes, five years of closed-lost opportunities are migrated, with the loss reason.", [["julien.moreau", "Parfait, merci Wei Ling."]]],
]);

post("salesforce", "rachel.goldberg", `Americas pilot users: {@marcus.johnson}, {@kevin.obrien} and me. We'll test the renewal pipeline end to end, including the quote template. #salesforce`);

post("salesforce", "mamadou.diallo", `**First dashboards in the sandbox** 📊
1. Pipeline by region and stage
2. Renewals due in the next 180 days
3. Case volumes per client, from Zendesk (aggregated)

Feedback welcome before we freeze them for go-live. #salesforce #powerbi`, {}, [
  ["kevin.obrien", "Renewals at 180 days is exactly what I asked for. Can we also get it at 90?", [["mamadou.diallo", "Added as a filter."]]],
  ["jonathan.lim", "Please add currency conversion to USD on the pipeline one, APAC is in five currencies."],
]);

post("salesforce", "david.okafor", `**Security decisions**
- Single sign-on through our identity provider from day one, MFA required.
- No local Salesforce passwords, no exceptions.
- Data stays in the EU instance; access from Asia-Pacific and the Americas is through the same instance.

#salesforce #security`);

post("salesforce", "thomas.girard", `**Weekly notes no. 2**
- Sandbox refreshed with the de-duplicated accounts ✅
- Record types and page layouts validated by the pilot group ✅
- Quote template: waiting for legal's review ⏳
- Integration with Zendesk: design agreed with {@tyler.brooks} ✅

#salesforce`);

post("salesforce", "arjun.nair", `Bug in the sandbox: accounts billed in **USD** show amounts in **SGD** for users based in Singapore. Looks like the user's default currency is applied instead of the account's. #salesforce #bug`, {}, [
  ["weiling.tan", "Reproduced. The account currency field wasn't on the layout, so the default applied. Fixed in the sandbox.", [["arjun.nair", "Confirmed, thanks!"]]],
]);

post("salesforce", "tyler.brooks", `**Zendesk ↔ Salesforce integration**: the number of open cases per account syncs every 15 minutes, and a link opens the case list in Zendesk. No case details are copied into Salesforce (charter §2, and common sense). #salesforce #zendesk`, {}, [
  ["mariana.costa", "Thank you for keeping case details out of it. Our agents will appreciate seeing the account owner though.", [["tyler.brooks", "Account owner and KAM phone number show in the Zendesk sidebar, yes."]]],
]);

post("salesforce", "lucas.oliveira", `Can we have the **Portuguese** interface for the São Paulo team? Most of the key accounts are fine in English, but the inside sales team would work faster in Portuguese. #salesforce`, {}, [
  ["thomas.girard", "Yes, the language is a user setting. We'll preset it from the profile's locale."],
]);

post("salesforce", "hugo.petit", `Pour les PME, on a besoin d'un **processus de vente plus court** : trois étapes au lieu de six. Est-ce qu'on peut avoir un processus dédié ? #salesforce`, {}, [
  ["weiling.tan", "Yes: a separate sales process for the SME record type. Draft in the sandbox tomorrow."],
  ["kevin.obrien", "Same need for North America mid-market. Let's use the same one."],
]);

post("salesforce", "kevin.obrien", `Forecast categories: let's use **Commit / Best case / Pipeline** to match finance's vocabulary. {@daniel.kim} does that work for you? #salesforce #forecast`, {}, [
  ["daniel.kim", "Works for us. Please also keep \"Omitted\" so lost deals don't pollute the forecast."],
]);

post("salesforce", "daniel.kim", `Finance request: make **billing entity** mandatory when an opportunity is closed-won. We lose days every month finding out which of our entities should invoice. #salesforce #finance`, {}, [
  ["thomas.girard", "Validation rule added in the sandbox."],
]);

post("salesforce", "sophie.lefevre", `Retour du pilote : l'**appli mobile** est excellente dans le train. Je saisis mes comptes rendus de rendez-vous avant d'arriver à Paris. Seul bémol : la recherche hors connexion ne trouve pas les contacts. #salesforce`, {}, [
  ["weiling.tan", "Offline search only covers recently viewed records. We'll mention it in the quick-start guide."],
]);

post("salesforce", "thomas.girard", `**Go / no-go checklist for wave 1 (Europe)**
- [x] Data migration dry run under 3 hours
- [x] Pilot users signed off
- [ ] Training completed by 90% of Europe users
- [ ] Support rota for the first two weeks
- [ ] Old CRM set to read-only

Decision on 28 April. #salesforce`);

post("salesforce", "jonathan.lim", `APAC concern: a June go-live clashes with our half-year close. Could wave 2 start on **7 July** for Asia-Pacific? #salesforce`, {}, [
  ["weiling.tan", "I support that. The Americas can stay in June.", [["thomas.girard", "Agreed: Americas in June, Asia-Pacific on 7 July. Updating the plan."]]],
]);

post("salesforce", "weiling.tan", `**Weekly notes no. 3**
- Dry run no. 2: full load in **2 h 40** (down from 6 h) ✅
- 298 of the 312 duplicate pairs decided ✅
- APAC go-live moved to 7 July ✅
- Training: 54% of Europe users done ⏳

#salesforce`);

post("salesforce", "mariana.costa", `Support leads' question: after go-live, will our agents still be able to see the **key account manager** of a client from Zendesk, without a Salesforce licence? #salesforce #zendesk`, {}, [
  ["tyler.brooks", "Yes, through the sidebar app: no Salesforce licence needed for read-only account info."],
]);

post("salesforce", "gabriel.nakamura", `Dry run no. 2 details: the slow part was attachments (1.2 million files). We now move only files attached in the last 5 years; the rest stay in the archive, searchable. #salesforce #datamigration`);

post("salesforce", "thomas.girard", `**Weekly notes no. 4**
- Quote template approved by legal ✅
- Europe training at 81% ✅
- Support rota for go-live weeks: Paris, Singapore and São Paulo covered ✅
- Still open: read-only switch of the old CRM (needs a final export for finance)

#salesforce`, {}, [
  ["mamadou.diallo", "The finance export is scheduled for the night before go-live."],
]);

// ——— Well-being & mutual help (private) ———
post("wellbeing", "elodie.rousseau", `**Rendez-vous avec la médecine du travail / Occupational health appointments** 🩺

- **Paris**: Dr Martin is on site every Tuesday, 9:00–13:00. Book through HR, confidential.
- **Other sites**: video consultations with the same service, in English, French, Portuguese or Spanish.

Personne n'a besoin de donner une raison pour prendre rendez-vous. Nobody needs to give a reason to book. #bienetre #wellbeing`, { kind: "announcement", mustRead: true }, [
  ["karim.benali", "Merci Élodie. Plusieurs personnes de l'équipe de nuit m'ont demandé, je relaie."],
]);

post("wellbeing", "camila.ferreira", `**Employee assistance programme**: free, confidential counselling, 24/7, in 12 languages, for you and your family. The number is in the HR portal and on the back of your badge. Nothing is reported to the company, ever. #wellbeing`, { kind: "announcement", mustRead: true }, [
  ["mariana.costa", "Worth repeating often. Thank you Camila."],
]);

post("wellbeing", "elodie.rousseau", `**FAQ — réorganisation et déménagement**

**Les horaires changent-ils ?** Non. Les plannings du plateau restent les mêmes.
**Le télétravail change-t-il ?** Non, l'accord actuel s'applique à La Défense.
**Mon poste est-il concerné par la réorganisation ?** Chaque personne concernée a été reçue individuellement. Si vous avez un doute, écrivez-moi.

Vos questions, même anonymes, enrichissent cette FAQ. #bienetre #demenagement`, {}, [
  ["sophie.lefevre", "Merci pour cette FAQ, ça rassure."],
]);

post("wellbeing", "karim.benali", `Un mot pour l'équipe de nuit : la semaine a été dure, avec deux rapatriements compliqués. Vous avez été exemplaires. Prenez vos récupérations, c'est un ordre 😉 #bienetre`, {}, [
  ["lea.marchand", "Merci Karim. Ça fait du bien de le lire."],
  ["siti.rahman", "Singapore was glad to back you up. Rest well, Paris!"],
]);

post("wellbeing", "siti.rahman", `After a tough evacuation case last week, our team tried a **20-minute debrief** the next morning: what happened, how we felt, one thing to keep. No blame. It helped more than I expected. Recommend. #wellbeing`, {}, [
  ["mariana.costa", "We do this in São Paulo after every critical case. It changed our team."],
  ["jennifer.walsh", "In the ER we called it a \"hot debrief\". Short, structured, always the same day. Glad you're doing it."],
]);

post("wellbeing", "maria.gonzalez", `Mutual help: anyone else struggling with the **6 am shifts** since the clocks changed? My body still thinks it's 5. Tips welcome. #wellbeing`, {}, [
  ["jennifer.walsh", "Morning light as soon as you wake up, and no screens the hour before bed. Takes about a week."],
  ["mariana.costa", "Coffee after 9 am, not before. Sounds crazy but it works for me."],
]);

post("wellbeing", "nurul.aziz", `**Lunchtime yoga in Singapore**: Wednesdays 12:30–13:00, meeting room 4. No experience needed, mats provided. 🧘 #wellbeing`);

post("wellbeing", "mariana.costa", `Friendly reminder from a team lead: **your breaks are not optional**. A coordinator who hasn't had a break in five hours makes worse decisions on the sixth. Leads, please protect your team's breaks. #wellbeing`, {}, [
  ["karim.benali", "Tellement vrai. On a ajouté les pauses dans le planning affiché."],
]);

post("wellbeing", "elodie.rousseau", `Question anonyme reçue : « J'ai du mal à dormir depuis l'annonce de la réorganisation, est-ce normal ? »

Oui, c'est fréquent et ça n'a rien d'une faiblesse. Le programme d'aide aux salariés et la médecine du travail sont là pour ça, en toute confidentialité. Et vous pouvez aussi m'écrire directement. #bienetre`, {}, [
  ["camila.ferreira", "Thank you for asking, whoever you are. You're not alone."],
]);

post("wellbeing", "priya.raman", `Book recommendation: *Burnout: The Secret to Unlocking the Stress Cycle* by Emily and Amelia Nagoski. Practical, kind, and it explains why "just relax" never works. #wellbeing #books`, {}, [
  ["mei.chen", "Read it last year. The chapter on completing the stress cycle stuck with me."],
]);

post("wellbeing", "jennifer.walsh", `From my years as an emergency nurse: **vicarious trauma** is real for people who listen to others' worst days, like our coordinators. Signs: trouble switching off, irritability, feeling numb. It's not weakness, it's the job. Talk about it. #wellbeing`, {}, [
  ["lea.marchand", "Merci Jennifer. Je n'avais jamais mis de mot dessus."],
  ["elodie.rousseau", "Thank you. We'll include it in the stress management training we're preparing."],
]);

post("wellbeing", "beatriz.santos", `We started **walking one-to-ones** in São Paulo: 30 minutes around Ibirapuera park instead of a meeting room. Same agenda, better conversation. 🌳 #wellbeing`);

post("wellbeing", "sophie.lefevre", `Pour ceux qui voyagent beaucoup comme moi : mes trois règles anti-fatigue. 1) Pas de mails après 21 h à l'hôtel. 2) Une vraie pause déjeuner, même chez le client. 3) Le vendredi sans déplacement, sauf urgence. #bienetre`, {}, [
  ["claire.fontaine", "Le vendredi sans déplacement, je retiens !"],
]);

post("wellbeing", "camila.ferreira", `**Monthly HR follow-up — March**

Questions received this month: 14 (6 anonymous). Main themes: schedules after the move (answered in the FAQ), career paths after the reorganisation (individual meetings offered to all 9 people concerned), stress on night shifts (training in April). Thank you for your trust. #wellbeing`);

post("wellbeing", "mei.chen", `I drew a little poster of **five desk stretches** for long shifts. It's on the wall of the Singapore platform; happy to send the file to other sites. 🎨 #wellbeing`, {}, [
  ["karim.benali", "Oui ! Pour le nouveau plateau de La Défense, s'il te plaît."],
  ["mariana.costa", "São Paulo too, please!"],
]);

post("wellbeing", "lea.marchand", `Merci à toutes celles et ceux qui m'ont écrit après le dossier difficile de la semaine dernière. Je vais bien. C'est précieux, une équipe comme ça. 💛 #bienetre`, {}, [
  ["maria.gonzalez", "Always here for you, Léa."],
]);

post("wellbeing", "nadia.haddad", `Une idée simple : un **créneau sans réunion** le vendredi après-midi pour tout le monde au siège. On l'a testé en finance, on y gagne vraiment en sérénité. #bienetre`);

post("wellbeing", "admin", `A reminder: this group is **private**. What is shared here stays here, and Comptoir's analytics only ever count groups in aggregate, never individual activity. Thank you for making this a safe place. #wellbeing`);

// ——— Onboarding: new CRM ———
post("onboarding", "nurul.aziz", `## Welcome to the new CRM! 👋

**Start here**
1. Do the "Salesforce user basics" trail on Trailhead (45 minutes).
2. Read the quick-start guides below, one per task.
3. Ask your questions in this group: colleagues often answer first, and the CRM team answers **within 4 business hours**, whatever your time zone.

Animators: {@weiling.tan} (Asia-Pacific), {@thomas.girard} (Europe) and me. #salesforce #onboarding`, {}, [
  ["kenji.watanabe", "Thank you Nurul, clear and welcoming."],
]);

post("onboarding", "weiling.tan", `### Quick-start guide no. 1 — Log a client call in three clicks

1. Open the account (search bar, top of the screen).
2. Click **Log a Call** in the activity panel.
3. Write two lines: what was said, what happens next. Save.

Tip: the next step you type becomes a task in your home page if you set a date. #salesforce #quickstart`, {}, [
  ["marcus.johnson", "Much faster than the old CRM. 👍"],
]);

post("onboarding", "thomas.girard", `### Guide rapide n° 2 — Créer une opportunité de renouvellement

1. Depuis le compte, onglet **Opportunités** → **Nouveau**.
2. Type d'enregistrement : *Renouvellement*. Le contrat en cours est repris automatiquement.
3. Renseignez la date de fin du contrat : l'opportunité apparaît dans le tableau de bord des renouvellements à J-180.

#salesforce #quickstart`, {}, [
  ["julien.moreau", "Top, le lien avec le contrat en cours nous fait gagner un temps fou."],
]);

post("onboarding", "marcus.johnson", `Question: how do I see all the **open assistance cases** of my accounts in one place? #salesforce #question`, {}, [
  ["weiling.tan", "Home page → \"My accounts — open cases\" component. The numbers come from Zendesk every 15 minutes; click to open the list in Zendesk.", [["marcus.johnson", "Found it, thanks!"]]],
]);

post("onboarding", "kenji.watanabe", `Question: are **Japanese characters** supported in account names? Some clients want their name in kanji on the quotes. #salesforce #question`, {}, [
  ["weiling.tan", "Yes. Put the kanji name in \"Local name\" and keep the romanised name in \"Account name\": the quote template uses the local name when it's filled in."],
]);

post("onboarding", "sophie.lefevre", `Question : est-ce qu'on peut enregistrer automatiquement nos **e-mails Outlook** dans Salesforce ? #salesforce #question`, {}, [
  ["thomas.girard", "Oui, avec le module Outlook : bouton « Enregistrer dans Salesforce » sur chaque e-mail. L'enregistrement automatique n'est pas activé, volontairement (données clients)."],
]);

post("onboarding", "hugo.petit", `Je ne retrouve pas mes **prospects importés** de l'ancien CRM. Ils sont où ? #salesforce #question`, {}, [
  ["thomas.girard", "Ce sont des « Pistes » (Leads) maintenant, pas des comptes. Onglet Pistes → vue « Mes pistes ».", [["hugo.petit", "Trouvés, merci !"]]],
]);

post("onboarding", "weiling.tan", `### Quick-start guide no. 3 — Your home dashboard

Your home page shows: renewals due in the next 180 days, your open opportunities by stage, and the open cases of your accounts. Click the pencil icon to reorder the components. #salesforce #quickstart`);

post("onboarding", "beatriz.santos", `Are we using Salesforce **Campaigns** for marketing events? I'd like to track which clients came to our São Paulo breakfast. #salesforce #marketing`, {}, [
  ["nurul.aziz", "Yes, Campaigns are enabled. {@claire.fontaine} is setting up the templates for marketing."],
  ["claire.fontaine", "Template ready tomorrow. I'll post a guide here."],
]);

post("onboarding", "nurul.aziz", `**Office hours** with the CRM team, live on video:
- Tuesday 09:00 Singapore (Asia-Pacific)
- Tuesday 10:00 Paris (Europe)
- Monday 16:00 New York / 18:00 São Paulo (Americas)

Bring your screen and your questions. #salesforce #onboarding`);

post("onboarding", "lucas.oliveira", `Tip from a pilot user: switch the opportunities list to **Kanban** view. Dragging a deal from one stage to the next is oddly satisfying, and you see your pipeline at a glance. #salesforce #tip`, {}, [
  ["thiago.almeida", "Kanban forever 🙌"],
]);

post("onboarding", "arjun.nair", `How do I **transfer an account** to a colleague who is taking over a client? #salesforce #question`, {}, [
  ["weiling.tan", "Account → \"Change owner\". Tick \"Transfer open opportunities\" too. Closed ones stay with you for the history."],
]);

post("onboarding", "thiago.almeida", `Does the **mobile app** work offline? I'm often in places with no signal in the interior. #salesforce #question`, {}, [
  ["thomas.girard", "Partly: records you viewed recently are available offline, and your edits sync when you're back online. Search needs a connection."],
]);

post("onboarding", "priya.raman", `Where are the **price books**? I need the list prices for the SME offer to build the launch deck. #salesforce #question`, {}, [
  ["weiling.tan", "Product catalogue → Price books. The SME price book is visible to marketing and sales only."],
]);

post("onboarding", "thomas.girard", `**Top 10 questions of week 1** (answered above, summarised here)
1. Where are my prospects? → Leads
2. Change account owner → "Change owner"
3. Outlook e-mails → Outlook add-in
4. Offline → recently viewed records only
5. Open cases of my accounts → home page
6. Japanese names → "Local name"
7. Price books → Product catalogue
8. Forecast categories → Commit / Best case / Pipeline
9. Language → your profile settings
10. Reports over 2,000 rows → no limit any more 🎉

#salesforce #faq`, {}, [
  ["nurul.aziz", "Pinning this in my heart and asking everyone to read it."],
]);

post("onboarding", "julien.moreau", `Retour d'expérience après deux semaines : je prépare mes revues de compte **deux fois plus vite**. Le tableau de bord des renouvellements à lui seul vaut la migration. Merci à l'équipe CRM ! #salesforce`, {}, [
  ["thomas.girard", "Merci Julien, ça fait plaisir à toute l'équipe."],
]);

post("onboarding", "claire.fontaine", `### Guide for marketing: track an event with Campaigns
1. Campaigns → New, type "Event".
2. Add members from a report or import the sign-up list.
3. After the event, mark who attended: their account owner sees it on the account page.

#salesforce #marketing #quickstart`);

post("onboarding", "rachel.goldberg", `Kudos to the CRM team: the Americas go-live went without a single blocking issue. 🎉 Special thanks to {@weiling.tan} and {@thomas.girard} for covering our morning from Singapore and Paris. #salesforce`, {}, [
  ["weiling.tan", "Thank you Rachel! The Americas pilot users made it easy."],
]);

// ——— Client space — Banque Horizon (secret, with a guest) ———
post("horizon", "antoine.dubois", `Bienvenue dans cet espace partagé, {@sandrine.vidal} ! 👋

Ici, nous suivons ensemble le **programme d'assistance voyage de Banque Horizon** : calendrier, documents, questions. L'équipe Demo Assistance : Julien (directeur du compte), Jennifer (duty of care), Karim (plateau 24/7), Oliver (opérations Europe), Mamadou (tableaux de bord) et moi.

Rappel : les détails des dossiers restent dans l'outil de gestion, on s'y réfère par numéro de ticket.`, {}, [
  ["sandrine.vidal", "Merci Antoine, ravie de travailler ici plutôt que par chaînes d'e-mails !"],
]);

post("horizon", "sandrine.vidal", `Nos priorités pour cette année :
1. Un **briefing avant départ** pour les destinations à risque élevé.
2. Un délai de rappel garanti en cas d'alerte.
3. Un tableau de bord trimestriel pour notre comité des risques.

Qu'en pensez-vous ?`, {}, [
  ["julien.moreau", "Les trois sont dans notre proposition. On vous présente le calendrier au comité de pilotage du 12."],
  ["jennifer.walsh", "For point 1, I'll share a draft briefing template this week (in English; the French version follows)."],
]);

post("horizon", "jennifer.walsh", `**Draft pre-travel briefing for high-risk destinations** (v1, for review)
- Security situation and areas to avoid
- Medical: nearest approved hospital, vaccinations, medicines
- Check-in schedule and what happens if one is missed
- Emergency contacts, to be saved offline

Comments welcome by Friday. #dutyofcare`, {}, [
  ["sandrine.vidal", "Très complet. Pourriez-vous ajouter une rubrique sur les déplacements en voiture de location ?", [["jennifer.walsh", "Added in v2: rental cars and local drivers."]]],
]);

post("horizon", "karim.benali", `**Procédure d'escalade 24/7 pour les collaborateurs de Banque Horizon**

1. Appel au numéro dédié : décroché en moins de 20 secondes.
2. Alerte sécurité : le superviseur de permanence est prévenu immédiatement.
3. Rappel de votre cellule de crise en moins de **15 minutes**, de jour comme de nuit.

Le superviseur de permanence a votre liste de contacts à jour.`, {}, [
  ["sandrine.vidal", "Parfait, c'est exactement ce que notre comité attendait."],
]);

post("horizon", "mamadou.diallo", `**Quarterly dashboard — Q1** (aggregated, no personal data) 📊
- 212 assistance requests, 64% medical, 28% travel, 8% security
- Average time to first call-back: 6 min 40 s
- Satisfaction: 4.7 / 5 (98 answers)

Full version in the shared folder.`, {}, [
  ["sandrine.vidal", "Merci Mamadou. Est-ce qu'on peut avoir la répartition par région pour le prochain trimestre ?", [["mamadou.diallo", "Oui, ajoutée à partir du T2."]]],
]);

post("horizon", "sandrine.vidal", `Question : en cas d'alerte sécurité dans un pays où nous avons plusieurs collaborateurs, pouvez-vous nous envoyer la liste de ceux qui sont localisés dans la zone ?`, {}, [
  ["antoine.dubois", "Oui : c'est le module de localisation du programme. La liste est envoyée à votre cellule de crise, jamais publiée ici."],
]);

post("horizon", "oliver.bennett", `Proposal for the **crisis exercise**: Tuesday 10 June, 45 minutes, scenario "civil unrest in a capital city, 12 Banque Horizon employees on site". Our Paris centre and your crisis cell take part. Does the date work for you?`, {}, [
  ["sandrine.vidal", "Le 10 juin nous convient. Je réserve la salle de crise."],
]);

post("horizon", "julien.moreau", `**Compte rendu du comité de pilotage du 12 février**
- Briefing avant départ : validé, déploiement en avril.
- Délai de rappel : 15 minutes garanties, inscrit à l'avenant.
- Tableau de bord : trimestriel, premier envoi début avril.
- Prochain comité : 14 mai.`);

post("horizon", "antoine.dubois", `Le module e-learning **« Voyager en sécurité »** (20 minutes) est prêt pour vos collaborateurs. Lien d'accès envoyé à votre équipe formation. Nous suivrons le taux de complétion dans le tableau de bord.`);

post("horizon", "sandrine.vidal", `Retour de nos voyageurs sur le premier trimestre : très bons échos sur l'accueil téléphonique, surtout la nuit. Merci à l'équipe du plateau ! 🙏`, {}, [
  ["karim.benali", "Merci Sandrine, je transmets à toute l'équipe."],
]);

// ——— Client space — Acme Insurance (secret, with a guest) ———
post("acme", "rachel.goldberg", `Welcome to our shared space, {@hannah.whitfield}! 👋

This is where we'll work on the **2025 renewal** and the quarterly service reviews. From our side: Julien (key account director, Europe), Sophie, Marcus, Arjun and Lucas (key account managers for your regions), María (support lead) and Mamadou (reporting).

Timeline: proposal by 15 April, negotiation in May, signature before 30 June.`, {}, [
  ["hannah.whitfield", "Thanks Rachel, this will be much easier than our usual e-mail threads."],
]);

post("acme", "hannah.whitfield", `Our procurement priorities for this renewal:
1. A single SLA across all regions
2. Quarterly reporting we can share with our board
3. Clear pricing for the new Jakarta and Santiago offices

Looking forward to the proposal.`, {}, [
  ["julien.moreau", "Noted, Hannah. All three will be addressed in the proposal, point by point."],
]);

post("acme", "julien.moreau", `**Renewal proposal v1** is in the shared folder. Main changes from the current contract:
- one SLA worldwide (call answered in 20 s, call-back in 15 min)
- quarterly reporting, board-ready
- Jakarta and Santiago offices included from day one

We'd be glad to walk you through it on a call.`, {}, [
  ["hannah.whitfield", "Thank you. Our legal team will review it next week; I'll come back with questions."],
]);

post("acme", "maria.gonzalez", `**Service review — last quarter** (aggregated)
- 1,148 assistance requests from Acme employees
- 96.9% of calls answered within 20 seconds
- Satisfaction 4.6 / 5
- Top request types: medical advice abroad, lost documents, roadside assistance`, {}, [
  ["hannah.whitfield", "Very helpful. Could we see the trend over the last four quarters next time?", [["mamadou.diallo", "Yes, we'll include the four-quarter trend from now on."]]],
]);

post("acme", "hannah.whitfield", `Question about **medical cases in Latin America**: what is the SLA for a doctor's call-back in Brazil and Chile?`, {}, [
  ["lucas.oliveira", "A doctor calls back within 30 minutes, 24/7, in Portuguese, Spanish or English. Same SLA in Chile from the launch of the Santiago network.", [["hannah.whitfield", "Great, thank you Lucas."]]],
]);

post("acme", "arjun.nair", `Update on **Jakarta**: our network of approved clinics covers the area of your new office, with two English-speaking hospitals within 20 minutes. Details in the proposal annex.`);

post("acme", "sophie.lefevre", `For Acme's **European fleet**: the roadside assistance part of the renewal includes replacement vehicles within 4 hours in France, Germany and Benelux. Let me know if you'd like other countries added.`);

post("acme", "hannah.whitfield", `Our legal team has two comments on **clause 7** (liability caps) and one on the data-processing annex. I've uploaded them to the shared folder.`, {}, [
  ["rachel.goldberg", "Thank you Hannah. Our legal team will answer by Friday, and we can discuss it on Monday's call."],
]);

post("acme", "marcus.johnson", `Reminder: our **quarterly service review** is on Thursday, 11:00 New York time. Agenda: the quarter's figures, the renewal timeline, and your feedback on the new reporting.`);

post("acme", "rachel.goldberg", `**Next steps**
1. Legal answers on clause 7 — Friday
2. Call to walk through the answers — Monday
3. Revised proposal — end of May
4. Signature target — 30 June

Thank you all for a constructive process so far.`, {}, [
  ["hannah.whitfield", "Agreed. Looking forward to Monday."],
]);

// ——— Leadership circle (secret) ———
post("leadership", "oliver.bennett", `Welcome to the leadership circle. Ground rules:
1. What is discussed here is **not announced** until we agree it is ready.
2. Every decision that affects teams gets a post in the right group, with the reason.
3. We answer questions from our teams on Comptoir, in public, like everyone else.`, {}, [
  ["admin", "And I'll share the network's figures here every month."],
]);

post("leadership", "admin", `**Network figures, month 1**
- 41 of 43 people activated (95%)
- **48%** contributed at least once (post, comment or reaction)
- 91% read the network at least once a week
- Most active groups: Toolbox, Office move, Salesforce migration

Thank you for taking part yourselves: it shows.`, {}, [
  ["julien.moreau", "Impressionnant pour un premier mois. Les KAM ont vraiment adopté l'outil."],
  ["david.okafor", "Activation in the Americas was slower; I'll nudge the last two personally."],
]);

post("leadership", "julien.moreau", `Chiffre intéressant pour le comité : l'équipe Key Accounts a produit **31 %** des idées du challenge innovation ce trimestre, alors qu'elle représente 12 % des effectifs. Le fait de se parler tous les jours entre Paris, New York, Singapour et São Paulo y est pour beaucoup.`, {}, [
  ["rachel.goldberg", "Agreed. Half of the Americas ideas started as Toolbox threads."],
]);

post("leadership", "david.okafor", `**IT priorities for 2025**, for your feedback:
1. Salesforce go-live (Europe May, Americas June, APAC July)
2. Single sign-on everywhere, MFA for all
3. Laptop renewal for São Paulo and Singapore
4. Telephony resilience: each centre can take another's calls within 5 minutes`, {}, [
  ["mariana.costa", "Point 4 is our top concern in São Paulo. Thank you for putting it on the list."],
]);

post("leadership", "rachel.goldberg", `Americas hiring plan: **two key account managers** (New York, São Paulo) and one sales executive in Q3. Referrals strongly encouraged — I'll post the roles in Careers & referrals once approved.`);

post("leadership", "mariana.costa", `Support staffing: we are at 94% of target headcount in São Paulo, but night shifts depend on 4 people. I'd like to **cross-train Singapore and São Paulo** to cover each other's nights. Thoughts?`, {}, [
  ["jonathan.lim", "Singapore is open to it. Let's involve Rajesh for the operations side."],
  ["rajesh.kumar", "Happy to lead it with you, Mariana."],
]);

post("leadership", "jonathan.lim", `APAC update: two new regional banks signed this quarter, pipeline up 22%. The Jakarta clinic network is the main selling point — thank you {@rajesh.kumar}.`);

post("leadership", "kevin.obrien", `**Q3 pipeline review**: North America at 108% of target, driven by mid-market. I propose we replicate the SME offer Hugo built in France. Decision needed before the summer.`, {}, [
  ["oliver.bennett", "Supportive. Let's put it on the agenda of the next review with numbers from France."],
]);

post("leadership", "fernanda.rodrigues", `**LatAm roadside launch — go / no-go**: provider network in Chile 100% contracted, Argentina at 85%. I recommend launching Chile on 1 September and Argentina in October.`, {}, [
  ["oliver.bennett", "Go for Chile on 1 September. Let's review Argentina in September."],
]);

post("leadership", "oliver.bennett", `Decision log for this month, to be announced in the relevant groups this week:
- Salesforce APAC go-live moved to 7 July ✅
- Cross-training Singapore / São Paulo night shifts ✅
- LatAm roadside launch: Chile on 1 September ✅`);

// ——— Help & feedback ———
post("help", "admin", `**Welcome to Help & feedback!**

Ask anything about Comptoir here: how to do something, something that looks broken, an idea for the network, a question about the charter or moderation. {@david.okafor} and I read everything, and we answer within one working day.

Bienvenue aussi en français : posez vos questions dans la langue qui vous convient. #comptoir`, {}, [
  ["lea.marchand", "Merci Camille !"],
  ["kenji.watanabe", "Thanks! Already lots of questions coming 😄"],
]);

post("help", "lea.marchand", `Idea: a **dark mode**? The night shift would thank you. 🌙 #comptoir #idea`, {}, [
  ["siti.rahman", "+1000 from the Singapore night shift."],
  ["david.okafor", "On the list! Your system's dark mode will be followed automatically."],
]);

post("help", "kenji.watanabe", `I get notifications at 3 am Singapore time when Paris is busy. Is there a way to **pause them at night**? #comptoir #notifications`, {}, [
  ["admin", "Yes: Settings → Notifications → Quiet hours, in your own time zone. Notifications wait until your quiet hours end.", [["kenji.watanabe", "Perfect, thank you Camille!"]]],
]);

post("help", "karim.benali", `Comment on change la **langue de l'interface** ? Une partie de mon équipe préfère le français. #comptoir`, {}, [
  ["admin", "Dans votre profil : champ « Langue », français ou anglais. Le changement est immédiat."],
]);

post("help", "marcus.johnson", `How do I **follow a tag**? I'd like to see every #salesforce post even from groups I'm not in. #comptoir`, {}, [
  ["david.okafor", "Click the tag on any post, then \"Follow\". Posts with that tag from groups you can read show up in your feed."],
]);

post("help", "mei.chen", `My **profile picture** gets cropped weirdly. Which size works best? #comptoir`, {}, [
  ["david.okafor", "A square image, at least 400 × 400 pixels. PNG, JPEG, GIF or WebP, up to 2 MB."],
]);

post("help", "rachel.goldberg", `Feature request: let the person who asked a question **mark the answer that solved it**, so the next person finds it directly. #comptoir #idea`, {}, [
  ["admin", "Great idea, and it's coming with the \"questions\" post type: accepted answers will show first."],
]);

post("help", "siti.rahman", `Search tip: searching for a **tag** with # (like #zendesk) finds posts tagged with it, and accents don't matter: #formation and #Formation are the same tag. #comptoir #tip`);

post("help", "thomas.girard", `Petit bug : quand je colle un tableau depuis Excel dans un post, les colonnes sont perdues. C'est normal ? #comptoir #bug`, {}, [
  ["david.okafor", "Markdown tables work if you write them with pipes (| col | col |). Pasting from Excel gives plain text for now. Noted as a feature request."],
]);

post("help", "priya.raman", `Can we **embed videos** in posts? I'd like to share short product demos. #comptoir`, {}, [
  ["admin", "Upload the video as an attachment (up to 25 MB) or paste a link to the video platform. Embedded players aren't supported yet."],
]);

post("help", "aisha.williams", `Is there a **mobile app**? Most of our recruiters are on the go. #comptoir`, {}, [
  ["david.okafor", "Comptoir works in the phone's browser, and you can add it to your home screen. No app store app for now."],
]);

post("help", "david.okafor", `**Maintenance window**: Saturday 06:00–06:30 UTC. Comptoir may be slow for a few minutes; nothing is lost. #comptoir #maintenance`);

post("help", "claire.fontaine", `Idée : un **e-mail récapitulatif hebdomadaire** des posts les plus lus, pour ceux qui ne passent pas tous les jours ? #comptoir #idea`, {}, [
  ["admin", "Bonne idée, je la note pour la feuille de route. Votez avec une réaction si vous la voulez aussi !"],
]);

post("help", "gabriel.nakamura", `Is there an **API** to pull anonymous activity figures into our dashboards? #comptoir #api`, {}, [
  ["david.okafor", "Yes: API tokens with scopes, from your settings. The OpenAPI documentation is at /api/docs. Aggregates only, of course."],
]);

post("help", "nurul.aziz", `Who can **create a group**? I'd like one for each new tool we roll out in APAC. #comptoir`, {}, [
  ["admin", "Every member can. You become its owner and can name animators. Please add a description and a few rules."],
]);

post("help", "beatriz.santos", `Could posts be **translated automatically**? Some of the French posts are hard for the São Paulo team. #comptoir #idea`, {}, [
  ["admin", "Not yet. In the meantime, many of us write short posts in both languages — thank you to everyone who does!"],
]);

post("help", "maria.gonzalez", `Just wanted to say: the **virtual coffee machine** is my favourite part. I met half of the Paris team there without ever flying. ☕ #comptoir`, {}, [
  ["lucas.oliveira", "Same! Best 15 minutes of my week."],
]);

post("help", "admin", `**Network figures, month 1** 📈 41 of 43 people activated, 48% contributed at least once, and **91%** read Comptoir every week. Thank you all — and a special mention for the Toolbox, our most active group. #comptoir`, {}, [
  ["lea.marchand", "🎉 Merci à tous les contributeurs de la Boîte à outils !"],
]);

post("help", "lucas.oliveira", `Question: the coffee machine is empty when I'm free (São Paulo evenings). Any way to be **paired automatically** with someone? #comptoir`, {}, [
  ["admin", "Yes: Settings → Virtual coffee → opt in and give your free hours. You'll be paired with someone awake at the same time."],
]);

post("help", "oliver.bennett", `Charter question: can I mention a client's **name** in an internal group, e.g. "we won the Acme renewal"? #charter`, {}, [
  ["admin", "Yes: the client's name and good news are fine in internal groups. Personal data, case details and commercial terms are not (charter §2)."],
]);

// ——— Careers & referrals ———
post("careers", "aisha.williams", `## The referral programme, in short 🤝

Know someone great? Recommend them for an open role:
- **bonus**: €1,500 / $1,500 / equivalent, paid when they pass their trial period;
- submit through the HR portal with their consent;
- you'll hear back within two weeks, whatever the answer.

Open roles are posted here. #referral #careers`, {}, [
  ["camila.ferreira", "Same programme in Brazil: R$ 8.000. 🇧🇷"],
]);

post("careers", "aisha.williams", `**Open role: Assistance Coordinator (Spanish / English), New York** 📞

24/7 rotation, medical and travel cases, great team led by María. Nursing or travel background welcome but not required. #hiring #referral`, {}, [
  ["rachel.goldberg", "Sharing with my network. Great team indeed."],
]);

post("careers", "camila.ferreira", `**Open role: Key Account Manager, Latin America (São Paulo)** — mining and agribusiness clients, Portuguese, Spanish and English. Travel 40%. #hiring #referral`, {}, [
  ["lucas.oliveira", "I know someone perfect for this. Sending the referral today!"],
]);

post("careers", "nurul.aziz", `**Open role: Medical Assistance Coordinator, Singapore** — Bahasa Indonesia or Malay a strong plus. Rotating shifts, full training. #hiring #referral`);

post("careers", "elodie.rousseau", `**Poste ouvert : Chargé(e) d'assistance, Paris La Défense (CDI)** — horaires en rotation, anglais courant, une troisième langue appréciée. Formation de six semaines à l'arrivée. #recrutement #referral`, {}, [
  ["hugo.petit", "Je partage sur LinkedIn !"],
]);

post("careers", "hugo.petit", `Je recommande chaudement un ancien collègue pour le poste de **business developer PME** : dix ans de vente aux PME, parfaitement bilingue. Candidature envoyée via le portail. #referral`, {}, [
  ["aisha.williams", "Thanks Hugo! Elodie will get back to you within two weeks."],
]);

post("careers", "tyler.brooks", `Referral sent for a **platform engineer** friend: Kubernetes, Terraform, and she has been on call for a hospital network. Fingers crossed 🤞 #referral`);

post("careers", "gabriel.nakamura", `Internal mobility story: three years ago I was an assistance coordinator in São Paulo. Today I'm a data engineer. The company paid for my training and {@camila.ferreira} helped me plan it. Ask me anything if you're thinking about it! #mobility #careers`, {}, [
  ["camila.ferreira", "So proud of this story, Gabriel. 💛"],
  ["mei.chen", "Inspiring. I might DM you about moving towards UX."],
]);

post("careers", "kevin.obrien", `We're hiring **two sales executives** in North America, mid-market focus. Insurance or assistance background ideal. Referrals welcome! #hiring #referral`);

post("careers", "julien.moreau", `Quinze ans chez Demo Assistance aujourd'hui. J'ai commencé au plateau de nuit, je dirige aujourd'hui les grands comptes. Ce qui n'a pas changé : on apprend de ceux qui décrochent le téléphone. Merci à tous. 🎂 #careers`, {}, [
  ["rachel.goldberg", "Congratulations Julien! 🎉"],
  ["antoine.dubois", "Félicitations Julien !"],
]);

post("careers", "aisha.williams", `Referral bonus paid this month: congratulations {@thiago.almeida}, whose recommendation just completed her trial period in São Paulo! 🎉 #referral`, {}, [
  ["thiago.almeida", "Thank you! She's doing great on the team."],
]);

post("careers", "mei.chen", `Looking for a **junior designer intern** for six months in Singapore: illustration, icons, some Figma. Students welcome. #hiring`);

post("careers", "lucas.oliveira", `Question on internal mobility: can I apply for a role in **another region** without my manager's approval first? #mobility`, {}, [
  ["camila.ferreira", "You can apply directly; HR will talk to your manager only once you're shortlisted, and we tell you before we do."],
]);

post("careers", "priya.raman", `Tips for candidates we refer: have them read our client case studies on the website and prepare **one story about a hard call** they handled. That's always the best interview moment. #hiring`);

post("careers", "camila.ferreira", `**Mentoring programme — first cohort results**: 8 pairs, 6 months, 100% would do it again. Second cohort opens in September, mentors and mentees welcome. #mentoring #careers`, {}, [
  ["rachel.goldberg", "I'll mentor again!"],
]);

// ——— Running club ———
post("running", "mamadou.diallo", `**Welcome to the Running club!** 🏃

All paces welcome, walkers too. Every month we run a team challenge across our four cities, and we meet for group runs locally. Post your runs, your races, your injuries (we'll be kind). #running`, {}, [
  ["grace.ong", "Singapore is in! 🇸🇬"],
  ["beatriz.santos", "São Paulo too! 🇧🇷"],
]);

post("running", "grace.ong", `**Singapore**: MacRitchie Reservoir loop this Saturday, 07:00, meet at the car park. About 10 km, easy pace, kopi afterwards ☕ #running #singapore`, {}, [
  ["arjun.nair", "I'll be there!"],
  ["siti.rahman", "Joining for the first 5 km 😅"],
]);

post("running", "rachel.goldberg", `**New York**: Central Park reservoir loop on Tuesdays at 6:30 am. 2.5 km per loop, do as many as you like. #running #newyork`, {}, [
  ["aisha.williams", "See you Tuesday!"],
]);

post("running", "beatriz.santos", `**São Paulo**: Ibirapuera park on Sundays at 7:00, before it gets hot. Two groups: 5 km and 10 km. #running #saopaulo`, {}, [
  ["lucas.oliveira", "10 km group for me."],
  ["fernanda.rodrigues", "5 km and then pão de queijo 😋"],
]);

post("running", "admin", `**Semi-marathon de Paris** en mars : qui s'inscrit ? On pourrait courir aux couleurs de Demo Assistance. 🏅 #running #paris`, {}, [
  ["oliver.bennett", "I'm in. Target: finishing."],
  ["hugo.petit", "Je m'inscris aussi !"],
  ["mamadou.diallo", "Évidemment. Je m'occupe des t-shirts ?", [["admin", "Oui ! Vois avec Claire pour le logo."]]],
]);

post("running", "arjun.nair", `**March team challenge: 500 km together** across our four cities. Log your runs and walks in the shared sheet; each km counts. 🌍 #running #challenge`, {}, [
  ["camila.ferreira", "Walking counts? Then I'm in!", [["arjun.nair", "Walking absolutely counts."]]],
]);

post("running", "oliver.bennett", `Confession: I started with a **couch-to-5k** programme three years ago. If you think you can't run, you probably can in nine weeks. Happy to share the plan. #running`, {}, [
  ["siti.rahman", "Yes please! That's exactly where I am."],
]);

post("running", "aisha.williams", `Shoe question: neutral or stability shoes for someone who overpronates a little? Getting conflicting advice. 👟 #running`, {}, [
  ["rachel.goldberg", "Get a gait analysis in a running store, it's free in most places. Changed everything for me."],
]);

post("running", "lucas.oliveira", `Finished the **São Paulo marathon** on Sunday! 3 h 58, under four hours by two minutes. 🎉 #running`, {}, [
  ["beatriz.santos", "Parabéns Lucas!! 🎉"],
  ["mamadou.diallo", "Bravo ! Sub-4, respect."],
]);

post("running", "mamadou.diallo", `**Challenge update**: 327 km after two weeks. Singapore leads, São Paulo close behind, Paris… we need to talk. 😅 #running #challenge`, {}, [
  ["admin", "Paris se réveille ce week-end, promis !"],
]);

post("running", "siti.rahman", `Running in Singapore humidity: go early (before 7:30), drink before you're thirsty, and forget your usual pace. Your heart rate knows the truth. 💦 #running`);

post("running", "hugo.petit", `Reprise après une entorse : des conseils pour revenir sans se reblesser ? Mon kiné dit « progressif », mais c'est vague 😅 #running`, {}, [
  ["oliver.bennett", "Run/walk intervals for two weeks: 1 minute running, 1 minute walking, then increase. Boring but it works."],
]);

// ——— IT help ———
post("ithelp", "rafael.souza", `**Welcome to IT help** 💻

Post your problem with: what you were doing, what you expected, what happened, and your site. A colleague often answers before we do. For an outage that stops your work, open a ticket as well. #it`);

post("ithelp", "lea.marchand", `Mon casque **grésille** dès que je suis en appel depuis ce matin. Quelqu'un a eu le même souci ? #it #headset`, {}, [
  ["rafael.souza", "Try another USB port (not a hub), and unplug and replug the dongle. If it still crackles, drop it at the IT desk: we have spares.", [["lea.marchand", "Changé de port, c'est réglé. Merci !"]]],
]);

post("ithelp", "kenji.watanabe", `When is my **laptop renewal** due? Mine is almost five years old and the battery lasts 40 minutes. #it #laptop`, {}, [
  ["tyler.brooks", "Singapore renewals start in Q2. You're on the first list given the age."],
]);

post("ithelp", "joao.pereira", `SAP is **very slow** from São Paulo since yesterday, around 20 seconds per screen. Anyone else? #it #sap`, {}, [
  ["grace.ong", "Fine from Singapore."],
  ["tyler.brooks", "Found it: a routing issue on the São Paulo link, fixed at 14:10. Should be back to normal.", [["joao.pereira", "Confirmed, much better. Thanks!"]]],
]);

post("ithelp", "tyler.brooks", `**Single sign-on rollout**: next week you'll log in to Zendesk, Salesforce and Comptoir with your company account and MFA. Install the authenticator app on your phone before Monday. #it #sso`, {}, [
  ["maria.gonzalez", "Can the night shift get a reminder on Sunday evening?", [["tyler.brooks", "Good idea, we'll send one at 20:00 local time."]]],
]);

post("ithelp", "nadia.haddad", `L'imprimante du 3e affiche « bourrage » mais il n'y a aucun papier coincé. Une idée ? #it`, {}, [
  ["thomas.girard", "Ouvre le bac arrière (en bas à gauche), souvent un petit morceau de papier y reste caché."],
]);

post("ithelp", "maria.gonzalez", `The Zendesk dialer **drops calls** after exactly 30 minutes. A long medical case got cut twice today. #it #zendesk #telephony`, {}, [
  ["tyler.brooks", "That's a timeout on the telephony side. Raised to 3 hours as of now. Sorry for the trouble.", [["maria.gonzalez", "Thank you for the quick fix!"]]],
]);

post("ithelp", "david.okafor", `⚠️ **Phishing alert**: e-mails titled "Your Salesforce account will be suspended" are going around. We never ask for your password by e-mail. Report them with the "Report phishing" button. #it #security`, {}, [
  ["grace.ong", "Got one this morning, reported. Thanks for the heads-up."],
]);

post("ithelp", "mei.chen", `Could we get two more **Figma** licences for the Singapore team? We share one, which is… creative. 🎨 #it #licences`, {}, [
  ["rafael.souza", "Approved, you'll get them by Friday."],
]);

post("ithelp", "grace.ong", `Excel crashes every time I open the **regional invoicing file** (80 MB). Any tips before I cry? #it #excel`, {}, [
  ["mamadou.diallo", "Save it as .xlsb (binary): often half the size and much faster. And remove the unused pivot caches."],
  ["gabriel.nakamura", "Or we move that data into a database and you keep a light Excel on top. Happy to help."],
]);

post("ithelp", "gabriel.nakamura", `Tip: **Python** is available on company laptops through the software centre — no admin rights needed. Great for automating those monthly exports. #it #python`);

post("ithelp", "antoine.dubois", `Chez un client, leur Wi-Fi invité bloque notre **VPN**. Des solutions autres que le partage de connexion du téléphone ? #it #vpn`, {}, [
  ["rafael.souza", "Switch the VPN protocol to SSL (port 443): it usually gets through guest networks. Otherwise the phone hotspot is the safe fallback."],
]);

// ——— Marketing ———
post("marketing", "claire.fontaine", `**Brand guidelines v2 — draft for feedback** 🎨

New colour palette (deep teal and warm sand), simplified logo, and a photography style with real people from our centres rather than stock photos. The draft is in the marketing folder. Feedback by the 20th, please! #brand`, {}, [
  ["mei.chen", "The teal looks great on the client reports. I'll adapt the icons."],
  ["priya.raman", "Love the real-people photography. Can we do a shoot in each centre?"],
]);

post("marketing", "mei.chen", `New **icon set** is ready: 48 icons for assistance types (medical, roadside, travel, security…), in the new palette. Available in Figma and as SVG. #brand #design`, {}, [
  ["beatriz.santos", "Beautiful! Using them for the LatAm launch right away."],
]);

post("marketing", "priya.raman", `**SME offer launch webinar**: 22 May, 45 minutes, with a client testimonial. Sales team: please invite 5 prospects each. #launch #sme`, {}, [
  ["hugo.petit", "J'en invite 8 côté France !"],
  ["thiago.almeida", "5 from Brazil, confirmed."],
]);

post("marketing", "beatriz.santos", `LatAm roadside launch campaign: Portuguese and Spanish landing pages, a radio spot in Santiago, and a breakfast for fleet managers in São Paulo. 🚗 #launch #latam`);

post("marketing", "claire.fontaine", `**Newsletter client de mars** : je cherche deux belles histoires d'assistance (avec l'accord du client, anonymisées). Un rapatriement réussi, un dépannage rocambolesque… Écrivez-moi ! #newsletter`, {}, [
  ["jennifer.walsh", "I have one about a client's team evacuated during a storm, client approved. Sending it over."],
]);

post("marketing", "kevin.obrien", `Sales needs a **one-page duty-of-care explainer** for US prospects: what the law expects from employers, what we do, in plain English. Can we have it for Q3? #sales #content`, {}, [
  ["jennifer.walsh", "Happy to write the first draft with marketing."],
]);

post("marketing", "hugo.petit", `La **plaquette PME** est top, mais il manque un tarif indicatif : mes prospects demandent toujours « ça coûte combien ? » dès la première page. #sme`, {}, [
  ["claire.fontaine", "On ajoute « à partir de » dans la prochaine version."],
]);

post("marketing", "jennifer.walsh", `Case study idea: how a client reduced missed check-ins on high-risk trips by 70% with our briefing + check-in schedule. The client agreed to be named. #casestudy`, {}, [
  ["claire.fontaine", "Yes! Let's do it for the April newsletter."],
]);

export const POSTS = posts;

/** Tags and members followed: `[follower, tag]` and `[follower, followee]`. */
export const FOLLOWS = {
  tags: [
    ["hugo.petit", "salesforce"],
    ["marcus.johnson", "salesforce"],
    ["sophie.lefevre", "excel"],
    ["joao.pereira", "excel"],
    ["karim.benali", "demenagement"],
    ["mei.chen", "formation"],
    ["beatriz.santos", "formation"],
    ["priya.raman", "dutyofcare"],
    ["lucas.oliveira", "zendesk"],
  ],
  members: [
    ["marcus.johnson", "rachel.goldberg"],
    ["kenji.watanabe", "julien.moreau"],
    ["beatriz.santos", "claire.fontaine"],
    ["gabriel.nakamura", "mamadou.diallo"],
    ["siti.rahman", "lea.marchand"],
    ["thiago.almeida", "hugo.petit"],
    ["aisha.williams", "admin"],
    ["arjun.nair", "kenji.watanabe"],
  ],
};

/** One report left open in the moderation queue: the post with a client's policy number in the Toolbox. */
export const REPORT = {
  post: "reported",
  reporter: "lea.marchand",
  reason: "This post gives a client's case reference and policy number (charter §2, client confidentiality). Could an animator hide it and ask the author to keep the details in the case tool?",
};

/**
 * Short replies that fit most posts, for the filler comments the seed spreads with its PRNG on top of the written
 * threads. Chosen by the post's tone (question, announcement, well-being, running, or anything else) and language.
 * `{@animator}` becomes a mention of one of the group's animators, `{here}` the commenter's city, `{elsewhere}`
 * another of the four sites.
 */
export const FILLER = {
  en: {
    any: [
      "Thanks for sharing this!",
      "Very useful — bookmarking it.",
      "Great point. I'll bring it up with my team on Monday.",
      "+1, this matches what we see on our side.",
      "Exactly what I needed this week, thank you.",
      "Agreed. Happy to help if you need another pair of hands.",
      "Could we add this to the group's FAQ?",
      "Same here — glad I'm not the only one.",
      "Clear and short, thank you. 👏",
      "Forwarding this to the team in {here}.",
      "Interesting. Does it work the same way in {elsewhere}?",
      "Noted — I'll try it and report back.",
      "This saved me half an hour today.",
      "Love this. More posts like this, please!",
      "Good to know, thanks for writing it down.",
      "Sharing with my team right now.",
      "We'll try the same in {here}.",
      "Simple and effective. Thanks!",
    ],
    question: [
      "Good question — I had the same one last month. Following.",
      "Not sure, but I think {@animator} would know.",
      "Following this thread, I'm curious too.",
      "Same question here. Let us know what you find!",
      "{@animator}, could you help with this one?",
    ],
    announcement: [
      "Thanks for the clear update!",
      "Noted, thank you.",
      "Read and shared with my team. 👍",
      "Thank you for keeping us posted.",
    ],
    wellbeing: [
      "Thank you for sharing this. It helps.",
      "Sending support from {here} 💛",
      "Really needed to read this today.",
      "Thank you for looking after us.",
      "This is why I love this group.",
    ],
    running: ["Great effort! 🎉", "Love this club.", "See you at the next one 🏃", "Inspiring, thanks for sharing!", "Greetings from the {here} runners 👋"],
  },
  fr: {
    any: [
      "Merci pour le partage !",
      "Super utile, je garde ça sous le coude.",
      "Bonne idée, je teste dès demain.",
      "+1, même constat de notre côté.",
      "Très clair, merci 🙏",
      "Je transmets à l'équipe.",
      "Bien vu ! On pourrait l'ajouter à la FAQ du groupe ?",
      "Merci, ça m'évite de chercher.",
      "Top, merci de l'avoir écrit.",
    ],
    question: [
      "Bonne question, je suis preneur de la réponse aussi.",
      "Je pense que {@animator} saura répondre.",
      "Je suis ce fil, même question de mon côté.",
    ],
    announcement: ["Merci pour l'info !", "C'est noté, merci.", "Merci pour ce point clair."],
    wellbeing: ["Merci pour ce message, ça fait du bien.", "Plein de soutien 💛", "Merci de prendre soin de nous."],
    running: ["Bravo ! 🎉", "À la prochaine sortie !", "Chapeau 👏"],
  },
};

/**
 * Integrations (issue 9): an incoming hook of the IT help group, made by its owner, that posted two build notices —
 * through its own URL, with no session, as the integration would.
 */
export const HOOK = {
  group: "ithelp",
  owner: "rafael.souza",
  name: "Build server",
  posts: [
    "**Build 1841 passed** ✅ — `laptop-image` for the Paris and New York fleets. New images roll out tonight; restart when asked.",
    "**Build 1842 failed** ❌ — `vpn-profile` (step *sign the profile*: the certificate expires in 3 days). The IT team is on it; the current profile keeps working.",
  ],
};
