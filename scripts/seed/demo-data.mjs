// The people and texts of the demo network "Demo Assistance", an assistance-services company (travel, medical and
// roadside assistance for corporate clients) with offices in Paris, New York, Singapore and São Paulo.
// Fixed data, no randomness: the demo looks the same on every machine and every start.

export const NETWORK_NAME = "Demo Assistance";

/**
 * Joins the lines of each paragraph: the texts below are wrapped for reading here, but a member editing their bio sees
 * the raw markdown, which should not carry stray line breaks. Headings, list items, rules and blank lines stay.
 */
export function unwrap(text) {
  const out = [];
  for (const line of text.split("\n")) {
    const prev = out.at(-1);
    const continues = prev !== undefined && prev !== "" && line !== "" && !/^(#|[-*] |\d+\. |---)/.test(line) && !/^(#|---)/.test(prev);
    if (continues) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out.join("\n");
}

export const DEPARTMENTS = ["Key Accounts", "Customer Support", "Sales", "Marketing", "HR", "IT", "Finance", "Operations"];

export const CITIES = {
  paris: { location: "Paris", timezone: "Europe/Paris" },
  newYork: { location: "New York", timezone: "America/New_York" },
  singapore: { location: "Singapore", timezone: "Asia/Singapore" },
  saoPaulo: { location: "São Paulo", timezone: "America/Sao_Paulo" },
};

/** The first published version of the ethics charter: English first, the French version below it. */
export const CHARTER = unwrap(`# Demo Assistance — Community charter

Comptoir is where the people of Demo Assistance meet, whatever their office, time zone or job. We help travellers,
patients and drivers on the worst day of their trip; we owe each other the same care. By joining, every member accepts
this charter. It is short on purpose: please read it.

## 1. Respect
Write to colleagues as you would speak to them face to face, in front of the whole team. Criticise ideas, never
people. Jokes about anyone's origin, gender, age, religion, disability, sexual orientation or accent have no place
here, even "just between us".

## 2. Confidentiality of client information
Our clients trust us with their employees' travel plans, health and whereabouts. **Never post a client's personal
data, a case file, a medical detail or a policy number**, even in a private group. Refer to a case by its internal
ticket number and keep the details in the case-management tools. Commercial terms (prices, contract clauses,
renewals) stay in the groups whose members need them. Guests from client companies only see the groups they were
invited to: check where you are before you post.

## 3. No harassment
Repeated unwanted messages, pressure, intimidation, public shaming and sexual remarks are harassment, online as
offline. If you are a target or a witness, tell a group animator, an administrator or HR: reports are handled
confidentially and without retaliation.

## 4. Constructive disagreement
Disagreement is welcome: it is how ideas get better. Explain your reasons, bring facts, assume good faith and accept
that the decision may go the other way. Managers take part in the conversation like everyone else; a question asked
here deserves an answer here.

## 5. Moderation
Group animators and administrators moderate. They may hide a message that breaks this charter, and they always tell
its author why. Nobody's opinion is removed for being critical or unpopular. Repeated or serious breaches lead to a
warning, then to a suspension decided by HR. Anyone may ask for a moderation decision to be reviewed.

## 6. Personal data
Your profile is yours: share what you want colleagues to know, and nothing more. You can export your data or delete
your account at any time from your settings. Demo Assistance uses network activity only in aggregate (participation
figures per team or site), never to evaluate an individual.

*Questions about this charter: write to the administrators in the "Help & feedback" group.*

---

# Demo Assistance — Charte de la communauté

Comptoir est l'endroit où les équipes de Demo Assistance se retrouvent, quels que soient leur bureau, leur fuseau
horaire ou leur métier. Nous aidons des voyageurs, des patients et des conducteurs dans les pires moments de leur
déplacement ; nous nous devons la même attention. En rejoignant le réseau, chaque membre accepte cette charte. Elle
est courte à dessein : prenez le temps de la lire.

## 1. Respect
Écrivez à vos collègues comme vous leur parleriez en face, devant toute l'équipe. Critiquez les idées, jamais les
personnes. Les plaisanteries sur l'origine, le genre, l'âge, la religion, le handicap, l'orientation sexuelle ou
l'accent de quiconque n'ont pas leur place ici, même « entre nous ».

## 2. Confidentialité des informations clients
Nos clients nous confient les déplacements, la santé et la localisation de leurs collaborateurs. **Ne publiez jamais
les données personnelles d'un client, un dossier d'assistance, une information médicale ou un numéro de contrat**,
même dans un groupe privé. Désignez un dossier par son numéro de ticket interne et laissez les détails dans les outils
de gestion des dossiers. Les conditions commerciales (prix, clauses, renouvellements) restent dans les groupes dont les
membres en ont besoin. Les invités des entreprises clientes ne voient que les groupes auxquels ils ont été conviés :
vérifiez où vous êtes avant de publier.

## 3. Pas de harcèlement
Les messages non désirés répétés, les pressions, l'intimidation, l'humiliation publique et les remarques à caractère
sexuel sont du harcèlement, en ligne comme ailleurs. Si vous en êtes victime ou témoin, prévenez un animateur de
groupe, un administrateur ou les RH : les signalements sont traités de façon confidentielle et sans représailles.

## 4. Désaccord constructif
Le désaccord est bienvenu : c'est ainsi que les idées s'améliorent. Expliquez vos raisons, apportez des faits, partez
du principe que l'autre est de bonne foi et acceptez que la décision aille dans l'autre sens. Les managers participent
à la conversation comme tout le monde ; une question posée ici mérite une réponse ici.

## 5. Modération
Les animateurs de groupe et les administrateurs modèrent. Ils peuvent masquer un message contraire à cette charte et
en indiquent toujours la raison à son auteur. Aucune opinion n'est retirée parce qu'elle est critique ou impopulaire.
Des manquements répétés ou graves entraînent un avertissement, puis une suspension décidée par les RH. Chacun peut
demander le réexamen d'une décision de modération.

## 6. Données personnelles
Votre profil vous appartient : partagez ce que vous souhaitez que vos collègues sachent, rien de plus. Vous pouvez
exporter vos données ou supprimer votre compte à tout moment depuis vos paramètres. Demo Assistance n'exploite
l'activité du réseau que de manière agrégée (chiffres de participation par équipe ou par site), jamais pour évaluer
une personne.

*Une question sur cette charte : écrivez aux administrateurs dans le groupe « Aide et suggestions ».*
`);

/**
 * One member: `role` and `name` go into the invitation CSV, `profile` into PATCH /api/v1/me/profile (the full profile
 * of API.md, location and timezone taken from the city).
 */
function member(city, email, name, role, profile) {
  return { email, name, role, profile: { ...profile, bio: unwrap(profile.bio), ...CITIES[city] } };
}

/** The first administrator, created with the setup token (not invited). */
export const ADMIN = member("paris", "admin@demo.test", "Camille Laurent", "admin", {
  title: "Head of Internal Communications",
  department: "HR",
  locale: "fr",
  languages: ["French", "English", "Italian"],
  phone: "+33 6 12 48 90 17",
  bio: `I run Comptoir for Demo Assistance: if something is missing, confusing or broken, tell me.

Before this I spent eight years in our Paris assistance centre, so I know what a night shift in January feels like.
My door (and my inbox) is open:
- questions about the charter or moderation,
- ideas for new groups,
- figures about how the network is doing.`,
  hobbies: ["Running", "Photography", "Opera"],
  hotTopics: ["Office move to La Défense", "Innovation challenge"],
  skills: ["Internal communication", "Community management", "Public speaking", "Change management"],
});

/** Invited members, in the order of the CSV. Two client contacts are guests; David Okafor is a second administrator. */
export const MEMBERS = [
  // ——— Paris ———
  member("paris", "julien.moreau@demo.test", "Julien Moreau", "member", {
    title: "Key Account Director",
    department: "Key Accounts",
    locale: "fr",
    languages: ["French", "English", "German"],
    phone: "+33 6 23 71 44 08",
    bio: `Je gère nos grands comptes assurance en Europe, ce qui veut dire que je vis entre deux trains et trois
aéroports. Le meilleur moyen de me joindre reste Comptoir.

Mes dossiers du moment : le renouvellement Acme et l'extension de notre offre santé en Allemagne.`,
    hobbies: ["Cycling", "Jazz", "Wine tasting"],
    hotTopics: ["Renewal of the Acme contract", "Health offer in Germany"],
    skills: ["Negotiation", "Salesforce", "Contract law", "German"],
  }),
  member("paris", "sophie.lefevre@demo.test", "Sophie Lefèvre", "member", {
    title: "Senior Key Account Manager",
    department: "Key Accounts",
    locale: "fr",
    languages: ["French", "English", "Spanish"],
    phone: "+33 6 45 19 82 30",
    bio: `Key account manager for our automotive clients (roadside assistance, fleet programmes). Always happy to
share a renewal plan or a pricing model that worked. I'm on the road three days a week, so expect answers from
train stations.`,
    hobbies: ["Hiking", "Painting", "Cooking"],
    hotTopics: ["Renewal of the Acme contract", "Roadside assistance pricing 2025"],
    skills: ["Negotiation", "Salesforce", "Excel", "Spanish"],
  }),
  member("paris", "karim.benali@demo.test", "Karim Benali", "member", {
    title: "24/7 Assistance Centre Supervisor",
    department: "Customer Support",
    locale: "fr",
    languages: ["French", "Arabic", "English"],
    phone: "+33 7 81 22 54 69",
    bio: `Je supervise le plateau d'assistance de Paris, de jour comme de nuit. Trente chargés d'assistance, des
milliers d'appels par mois, et une règle : personne ne reste sans réponse.

Ce qui me fait avancer :
- des process clairs,
- des outils qui ne plantent pas à 3 h du matin,
- une équipe qui se parle.`,
    hobbies: ["Football", "Chess", "Cooking"],
    hotTopics: ["24/7 hotline staffing", "Zendesk rollout"],
    skills: ["Crisis management", "Team leadership", "Zendesk", "Arabic"],
  }),
  member("paris", "elodie.rousseau@demo.test", "Élodie Rousseau", "member", {
    title: "HR Business Partner",
    department: "HR",
    locale: "fr",
    languages: ["French", "English"],
    phone: "+33 6 90 37 15 42",
    bio: `HR business partner for the Paris and São Paulo teams. I look after training plans, mobility and
well-being at work. During the office move, the "Well-being" group is the place to ask anything, even anonymously
through me.`,
    hobbies: ["Yoga", "Reading", "Pottery"],
    hotTopics: ["Office move to La Défense", "Training needs survey"],
    skills: ["Employment law", "Coaching", "Recruiting", "Change management"],
  }),
  member("paris", "thomas.girard@demo.test", "Thomas Girard", "member", {
    title: "CRM Administrator",
    department: "IT",
    locale: "fr",
    languages: ["French", "English"],
    phone: "+33 6 58 04 73 91",
    bio: `I keep our CRM alive and I'm leading its **Salesforce migration** with Wei Ling in Singapore. If a report
looks wrong, ping me before exporting it to Excel, please.

Migration notes live in the "Salesforce migration" group.`,
    hobbies: ["Board games", "Climbing", "Jazz"],
    hotTopics: ["Salesforce migration", "CRM data quality"],
    skills: ["Salesforce", "SQL", "Python", "Data migration"],
  }),
  member("paris", "nadia.haddad@demo.test", "Nadia Haddad", "member", {
    title: "Financial Controller",
    department: "Finance",
    locale: "fr",
    languages: ["French", "English", "Arabic"],
    phone: "+33 6 31 67 28 55",
    bio: `Contrôleuse financière pour l'Europe. Je m'occupe des clôtures mensuelles, des budgets par compte client et
des questions de refacturation. Une question sur une note de frais ? Le groupe « Boîte à outils » a déjà beaucoup de
réponses.`,
    hobbies: ["Tennis", "Photography", "Travel"],
    hotTopics: ["Budget 2025", "Expense policy update"],
    skills: ["SAP", "Excel", "IFRS", "Budgeting"],
  }),
  member("paris", "antoine.dubois@demo.test", "Antoine Dubois", "member", {
    title: "Senior Consultant, Assistance Programmes",
    department: "Operations",
    locale: "fr",
    languages: ["French", "English"],
    phone: "+33 6 77 92 10 36",
    bio: `Consultant détaché chez nos clients pour concevoir leurs programmes d'assistance voyage. Je passe plus de
temps chez eux qu'au bureau, donc Comptoir est un peu mon bureau.

J'aime partager les retours d'expérience de mission : [mon dernier retour sur la gestion de crise](https://en.wikipedia.org/wiki/Crisis_management).`,
    hobbies: ["Sailing", "Chess", "Reading"],
    hotTopics: ["Travel risk programme for Banque Horizon", "Innovation challenge"],
    skills: ["Project management", "Travel risk management", "Public speaking", "Lean"],
  }),
  member("paris", "claire.fontaine@demo.test", "Claire Fontaine", "member", {
    title: "Marketing Manager",
    department: "Marketing",
    locale: "fr",
    languages: ["French", "English", "Italian"],
    phone: "+33 6 14 85 39 27",
    bio: `I run marketing for Europe: brochures, the website, trade shows and the client newsletter. Send me your
best client stories — with their permission — and I'll turn them into case studies.`,
    hobbies: ["Painting", "Theatre", "Baking"],
    hotTopics: ["New brand guidelines", "Client newsletter"],
    skills: ["Design", "Copywriting", "Event planning", "Figma"],
  }),
  member("paris", "mamadou.diallo@demo.test", "Mamadou Diallo", "member", {
    title: "Data Analyst",
    department: "IT",
    locale: "fr",
    languages: ["French", "English", "Wolof", "Fula"],
    phone: "+33 7 52 36 81 04",
    bio: `Data analyst: call volumes, response times, client dashboards. I build the figures our key account managers
show at quarterly reviews. Ask me for a dashboard before you build one in Excel.`,
    hobbies: ["Football", "Running", "Jazz"],
    hotTopics: ["Client dashboards", "Salesforce migration"],
    skills: ["SQL", "Python", "Power BI", "Excel"],
  }),
  member("paris", "lea.marchand@demo.test", "Léa Marchand", "member", {
    title: "Assistance Coordinator",
    department: "Customer Support",
    locale: "fr",
    languages: ["French", "English", "Spanish"],
    phone: "+33 6 03 58 27 64",
    bio: `Chargée d'assistance depuis trois ans : rapatriements, hospitalisations à l'étranger, voitures en panne au
milieu de nulle part. J'anime le groupe « Boîte à outils » avec les astuces qu'on aurait aimé connaître plus tôt.`,
    hobbies: ["Hiking", "Photography", "Climbing"],
    hotTopics: ["Toolbox tips", "24/7 hotline staffing"],
    skills: ["Medical assistance coordination", "Spanish", "Zendesk", "Crisis management"],
  }),
  member("paris", "hugo.petit@demo.test", "Hugo Petit", "member", {
    title: "Business Developer",
    department: "Sales",
    locale: "fr",
    languages: ["French", "English"],
    phone: "+33 6 69 41 03 85",
    bio: `Je développe nos ventes auprès des PME françaises qui envoient leurs équipes à l'étranger. Toujours preneur
d'une recommandation vers un prospect !`,
    hobbies: ["Rugby", "Cooking", "Board games"],
    hotTopics: ["SME offer launch", "Referral programme"],
    skills: ["Negotiation", "Salesforce", "Public speaking", "Prospecting"],
  }),
  member("paris", "oliver.bennett@demo.test", "Oliver Bennett", "member", {
    title: "Head of Operations, Europe",
    department: "Operations",
    locale: "en",
    languages: ["English", "French"],
    phone: "+33 6 86 12 59 73",
    bio: `Londoner in Paris since 2016. I run operations for Europe: assistance centres, provider network, quality.
My French is good enough for meetings and not quite good enough for jokes.`,
    hobbies: ["Running", "Cricket", "Jazz"],
    hotTopics: ["Office move to La Défense", "Provider network quality"],
    skills: ["Lean", "Six Sigma", "Project management", "Budgeting"],
  }),
  member("paris", "sandrine.vidal@demo.test", "Sandrine Vidal", "guest", {
    title: "Travel Risk Manager, Banque Horizon (client)",
    department: "Client",
    locale: "fr",
    languages: ["French", "English"],
    phone: "+33 1 44 58 26 90",
    bio: `Je pilote la sécurité des collaborateurs en déplacement chez Banque Horizon. Invitée sur Comptoir pour
travailler avec l'équipe Demo Assistance sur notre programme d'assistance.`,
    hobbies: ["Hiking", "Reading"],
    hotTopics: ["Travel risk programme for Banque Horizon"],
    skills: ["Travel risk management", "Procurement"],
  }),

  // ——— New York ———
  member("newYork", "david.okafor@demo.test", "David Okafor", "admin", {
    title: "Head of IT",
    department: "IT",
    locale: "en",
    languages: ["English", "Yoruba", "French"],
    phone: "+1 212 555 0148",
    bio: `Head of IT for the Americas and co-administrator of Comptoir. I care about two things: systems that stay up
during a crisis, and tools people actually like using.

Open doors on Fridays, 2–4 pm Eastern, in the coffee room.`,
    hobbies: ["Chess", "Jazz", "Cycling"],
    hotTopics: ["Salesforce migration", "Single sign-on rollout"],
    skills: ["Kubernetes", "Terraform", "Security", "Project management"],
  }),
  member("newYork", "rachel.goldberg@demo.test", "Rachel Goldberg", "member", {
    title: "Head of Key Accounts, Americas",
    department: "Key Accounts",
    locale: "en",
    languages: ["English", "Hebrew", "Spanish"],
    phone: "+1 917 555 0173",
    bio: `I lead the key account team for North and South America — twelve people, five time zones, one shared
pipeline. I'm in a plane every other week, so I read Comptoir at 35,000 feet.

Our team's rules:
1. Share the win *and* the story behind it.
2. No client data in posts, ever.
3. Answer a teammate's question within the day.`,
    hobbies: ["Running", "Photography", "Cooking"],
    hotTopics: ["Renewal of the Acme contract", "Key account playbook"],
    skills: ["Negotiation", "Salesforce", "Public speaking", "Team leadership"],
  }),
  member("newYork", "marcus.johnson@demo.test", "Marcus Johnson", "member", {
    title: "Key Account Manager",
    department: "Key Accounts",
    locale: "en",
    languages: ["English"],
    phone: "+1 646 555 0129",
    bio: `Key account manager for our tech and media clients in the US. Former travel agent, so I've seen assistance
from the other side of the phone.`,
    hobbies: ["Basketball", "Jazz", "Cooking"],
    hotTopics: ["Renewal of the Acme contract", "Duty-of-care regulations"],
    skills: ["Negotiation", "Salesforce", "Excel"],
  }),
  member("newYork", "priya.raman@demo.test", "Priya Raman", "member", {
    title: "Product Marketing Manager",
    department: "Marketing",
    locale: "en",
    languages: ["English", "Tamil", "Hindi"],
    phone: "+1 347 555 0192",
    bio: `Product marketing for our corporate travel assistance offer. I turn what support and key accounts learn
from clients into launches, pitch decks and webinars. Happy to review your client presentation.`,
    hobbies: ["Yoga", "Painting", "Hiking"],
    hotTopics: ["SME offer launch", "New brand guidelines"],
    skills: ["Design", "Public speaking", "Market research", "Copywriting"],
  }),
  member("newYork", "kevin.obrien@demo.test", "Kevin O'Brien", "member", {
    title: "Sales Director, North America",
    department: "Sales",
    locale: "en",
    languages: ["English"],
    phone: "+1 212 555 0116",
    bio: `Sales director for North America. Twenty years in insurance and assistance sales, most of them spent
explaining what "assistance" means. Coffee chats welcome, especially with support folks.`,
    hobbies: ["Golf", "Football", "Sailing"],
    hotTopics: ["Q3 pipeline review", "Referral programme"],
    skills: ["Negotiation", "Salesforce", "Public speaking", "Forecasting"],
  }),
  member("newYork", "maria.gonzalez@demo.test", "María González", "member", {
    title: "Customer Support Team Lead",
    department: "Customer Support",
    locale: "en",
    languages: ["English", "Spanish"],
    phone: "+1 718 555 0154",
    bio: `I lead the bilingual support team in New York (English and Spanish). We handle everything from lost
passports to medical evacuations. I post our weekly "lessons learned" every Friday.`,
    hobbies: ["Salsa dancing", "Cooking", "Photography"],
    hotTopics: ["Zendesk rollout", "24/7 hotline staffing"],
    skills: ["Zendesk", "Spanish", "Crisis management", "Coaching"],
  }),
  member("newYork", "tyler.brooks@demo.test", "Tyler Brooks", "member", {
    title: "Platform Engineer",
    department: "IT",
    locale: "en",
    languages: ["English", "Spanish"],
    phone: "+1 646 555 0187",
    bio: `Platform engineer: I run the clusters behind our case-management tools and integrations. Currently moving
our telephony integration to the new platform. Ask me anything about APIs, webhooks or on-call.`,
    hobbies: ["Climbing", "Board games", "Cycling"],
    hotTopics: ["Single sign-on rollout", "Telephony integration"],
    skills: ["Kubernetes", "Python", "Terraform", "SQL"],
  }),
  member("newYork", "aisha.williams@demo.test", "Aisha Williams", "member", {
    title: "Talent Acquisition Lead",
    department: "HR",
    locale: "en",
    languages: ["English", "French"],
    phone: "+1 917 555 0135",
    bio: `I recruit for the Americas. Know someone great? Our **referral programme** pays a bonus when they join —
see the "Careers & referrals" group.`,
    hobbies: ["Running", "Reading", "Gardening"],
    hotTopics: ["Referral programme", "Onboarding of new consultants"],
    skills: ["Recruiting", "Employer branding", "Public speaking", "Coaching"],
  }),
  member("newYork", "daniel.kim@demo.test", "Daniel Kim", "member", {
    title: "Finance Analyst",
    department: "Finance",
    locale: "en",
    languages: ["English", "Korean"],
    phone: "+1 212 555 0162",
    bio: `Finance analyst for the Americas: client profitability, forecasts and the monthly close. If your spreadsheet
has more than three tabs, I'd love to see it.`,
    hobbies: ["Chess", "Piano", "Basketball"],
    hotTopics: ["Budget 2025", "Client profitability review"],
    skills: ["Excel", "SQL", "SAP", "Power BI"],
  }),
  member("newYork", "jennifer.walsh@demo.test", "Jennifer Walsh", "member", {
    title: "Senior Consultant, Duty of Care",
    department: "Operations",
    locale: "en",
    languages: ["English", "German"],
    phone: "+1 646 555 0109",
    bio: `Consultant working on-site with clients to build their duty-of-care policies. Previously an emergency
nurse, which comes in handy more often than you'd think.`,
    hobbies: ["Hiking", "Painting", "Birdwatching"],
    hotTopics: ["Duty-of-care regulations", "Innovation challenge"],
    skills: ["Travel risk management", "Medical assistance coordination", "Project management"],
  }),
  member("newYork", "hannah.whitfield@demo.test", "Hannah Whitfield", "guest", {
    title: "Procurement Director, Acme Insurance (client)",
    department: "Client",
    locale: "en",
    languages: ["English"],
    phone: "+1 212 555 0190",
    bio: `Procurement director at Acme Insurance. Here as a guest to work with the Demo Assistance team on our
contract renewal.`,
    hobbies: ["Tennis", "Reading"],
    hotTopics: ["Renewal of the Acme contract"],
    skills: ["Procurement", "Negotiation"],
  }),

  // ——— Singapore ———
  member("singapore", "weiling.tan@demo.test", "Wei Ling Tan", "member", {
    title: "CRM Lead, Asia-Pacific",
    department: "IT",
    locale: "en",
    languages: ["English", "Mandarin", "Hokkien"],
    phone: "+65 9123 4587",
    bio: `CRM lead for Asia-Pacific and co-pilot of the Salesforce migration with Thomas in Paris. Between our two
time zones, someone is always awake to answer a CRM question.

Useful links:
- [Salesforce Trailhead](https://trailhead.salesforce.com/)
- the "Salesforce migration" group for our weekly notes`,
    hobbies: ["Badminton", "Cooking", "Photography"],
    hotTopics: ["Salesforce migration", "CRM data quality"],
    skills: ["Salesforce", "SQL", "Mandarin", "Project management"],
  }),
  member("singapore", "arjun.nair@demo.test", "Arjun Nair", "member", {
    title: "Key Account Manager, Asia-Pacific",
    department: "Key Accounts",
    locale: "en",
    languages: ["English", "Malayalam", "Hindi"],
    phone: "+65 8234 5169",
    bio: `Key account manager for our regional banks and energy clients across South-East Asia. I spend half my time
in Jakarta, Kuala Lumpur and Manila. Always keen to compare renewal strategies with Paris and New York.`,
    hobbies: ["Cricket", "Running", "Chess"],
    hotTopics: ["Renewal of the Acme contract", "APAC medical provider network"],
    skills: ["Negotiation", "Salesforce", "Excel", "Public speaking"],
  }),
  member("singapore", "siti.rahman@demo.test", "Siti Rahman", "member", {
    title: "Assistance Coordinator",
    department: "Customer Support",
    locale: "en",
    languages: ["English", "Malay", "Indonesian"],
    phone: "+65 9345 2718",
    bio: `Assistance coordinator on the Singapore platform: medical cases, evacuations and everything that happens
during Europe's night. I share our night-shift handover notes in the toolbox group.`,
    hobbies: ["Baking", "Hiking", "Badminton"],
    hotTopics: ["24/7 hotline staffing", "Toolbox tips"],
    skills: ["Medical assistance coordination", "Malay", "Zendesk", "Crisis management"],
  }),
  member("singapore", "jonathan.lim@demo.test", "Jonathan Lim", "member", {
    title: "Regional Sales Director, Asia-Pacific",
    department: "Sales",
    locale: "en",
    languages: ["English", "Mandarin", "Cantonese"],
    phone: "+65 9456 1832",
    bio: `Sales director for Asia-Pacific. We opened the Singapore office with four people; we are now twenty-six.
I like clear numbers, short meetings and long lunches.`,
    hobbies: ["Golf", "Cooking", "Jazz"],
    hotTopics: ["Q3 pipeline review", "APAC medical provider network"],
    skills: ["Negotiation", "Salesforce", "Mandarin", "Forecasting"],
  }),
  member("singapore", "mei.chen@demo.test", "Mei Chen", "member", {
    title: "Brand Designer",
    department: "Marketing",
    locale: "en",
    languages: ["English", "Mandarin"],
    phone: "+65 8567 3094",
    bio: `Brand designer: I made most of the icons you see in our client reports. Currently refreshing our brand
guidelines — feedback very welcome in the Marketing group.`,
    hobbies: ["Painting", "Photography", "Pottery"],
    hotTopics: ["New brand guidelines"],
    skills: ["Design", "Figma", "Illustration", "Mandarin"],
  }),
  member("singapore", "rajesh.kumar@demo.test", "Rajesh Kumar", "member", {
    title: "Operations Manager, Asia-Pacific",
    department: "Operations",
    locale: "en",
    languages: ["English", "Tamil", "Hindi"],
    phone: "+65 9678 2045",
    bio: `I run operations for the Singapore assistance centre and our network of medical providers in the region.
If you need a trusted clinic in Ho Chi Minh City at 2 am, I'm your person.`,
    hobbies: ["Cricket", "Chess", "Cooking"],
    hotTopics: ["APAC medical provider network", "Provider network quality"],
    skills: ["Lean", "Project management", "SAP", "Excel"],
  }),
  member("singapore", "nurul.aziz@demo.test", "Nurul Aziz", "member", {
    title: "HR Manager, Asia-Pacific",
    department: "HR",
    locale: "en",
    languages: ["English", "Malay"],
    phone: "+65 8789 1256",
    bio: `HR for our Asia-Pacific teams: hiring, onboarding, training and well-being. I run the onboarding groups for
every new tool, so nobody has to learn Zendesk alone.`,
    hobbies: ["Yoga", "Reading", "Hiking"],
    hotTopics: ["Training needs survey", "Onboarding of new consultants"],
    skills: ["Recruiting", "Coaching", "Employment law", "Malay"],
  }),
  member("singapore", "kenji.watanabe@demo.test", "Kenji Watanabe", "member", {
    title: "Senior Key Account Manager, Japan",
    department: "Key Accounts",
    locale: "en",
    languages: ["English", "Japanese"],
    phone: "+65 9890 3471",
    bio: `Based in Singapore, covering our Japanese clients. I travel to Tokyo and Osaka every month. Ask me about
Japanese business etiquette before your first client meeting there.`,
    hobbies: ["Photography", "Cycling", "Jazz"],
    hotTopics: ["Key account playbook", "Duty-of-care regulations"],
    skills: ["Negotiation", "Japanese", "Salesforce", "Public speaking"],
  }),
  member("singapore", "grace.ong@demo.test", "Grace Ong", "member", {
    title: "Finance Manager, Asia-Pacific",
    department: "Finance",
    locale: "en",
    languages: ["English", "Mandarin", "Malay"],
    phone: "+65 8901 6523",
    bio: `Finance manager for Asia-Pacific: invoicing, provider payments and currency headaches. I'm leading the move
of our regional invoicing to SAP.`,
    hobbies: ["Running", "Board games", "Baking"],
    hotTopics: ["Budget 2025", "Expense policy update"],
    skills: ["SAP", "Excel", "IFRS", "Mandarin"],
  }),

  // ——— São Paulo ———
  member("saoPaulo", "lucas.oliveira@demo.test", "Lucas Oliveira", "member", {
    title: "Key Account Manager, Latin America",
    department: "Key Accounts",
    locale: "en",
    languages: ["Portuguese", "English", "Spanish"],
    phone: "+55 11 98765-4321",
    bio: `Key account manager for Brazil and the Southern Cone: mining, agribusiness and banks. I'm in Santiago or
Buenos Aires most weeks. Always up for a virtual coffee with the Paris team.`,
    hobbies: ["Football", "Surfing", "Cooking"],
    hotTopics: ["Renewal of the Acme contract", "LatAm roadside assistance launch"],
    skills: ["Negotiation", "Salesforce", "Portuguese", "Spanish"],
  }),
  member("saoPaulo", "mariana.costa@demo.test", "Mariana Costa", "member", {
    title: "Head of Customer Support, Latin America",
    department: "Customer Support",
    locale: "en",
    languages: ["Portuguese", "English", "Spanish"],
    phone: "+55 11 97654-3210",
    bio: `I lead the São Paulo assistance centre: 40 people, three languages, open 24/7. I believe every question
deserves an answer within the hour, and I measure it.`,
    hobbies: ["Capoeira", "Photography", "Reading"],
    hotTopics: ["24/7 hotline staffing", "Zendesk rollout"],
    skills: ["Team leadership", "Zendesk", "Portuguese", "Crisis management"],
  }),
  member("saoPaulo", "rafael.souza@demo.test", "Rafael Souza", "member", {
    title: "IT Support Engineer",
    department: "IT",
    locale: "en",
    languages: ["Portuguese", "English"],
    phone: "+55 11 96543-2109",
    bio: `IT support for the Americas. Laptops, phones, VPN, and the occasional coffee machine. Open a ticket, or
post in "IT help" and someone will usually beat me to the answer.`,
    hobbies: ["Football", "Board games", "Guitar"],
    hotTopics: ["Single sign-on rollout", "Laptop renewal"],
    skills: ["Python", "Kubernetes", "Networking", "Portuguese"],
  }),
  member("saoPaulo", "beatriz.santos@demo.test", "Beatriz Santos", "member", {
    title: "Marketing Coordinator",
    department: "Marketing",
    locale: "en",
    languages: ["Portuguese", "English", "French"],
    phone: "+55 11 95432-1098",
    bio: `Marketing for Latin America: events, social media and our Portuguese website. I studied a year in Lyon, so
I'm happy to translate for the Paris team *de vez em quando*.`,
    hobbies: ["Painting", "Running", "Samba"],
    hotTopics: ["LatAm roadside assistance launch", "Client newsletter"],
    skills: ["Design", "Event planning", "Portuguese", "SEO"],
  }),
  member("saoPaulo", "thiago.almeida@demo.test", "Thiago Almeida", "member", {
    title: "Sales Executive",
    department: "Sales",
    locale: "en",
    languages: ["Portuguese", "English", "Spanish"],
    phone: "+55 11 94321-0987",
    bio: `Sales executive for Brazilian mid-size companies. I close deals over churrasco and follow them up in
Salesforce, in that order.`,
    hobbies: ["Football", "Cooking", "Cycling"],
    hotTopics: ["SME offer launch", "Q3 pipeline review"],
    skills: ["Negotiation", "Salesforce", "Portuguese", "Public speaking"],
  }),
  member("saoPaulo", "camila.ferreira@demo.test", "Camila Ferreira", "member", {
    title: "HR Business Partner, Latin America",
    department: "HR",
    locale: "en",
    languages: ["Portuguese", "English", "Spanish"],
    phone: "+55 11 93210-9876",
    bio: `HR business partner for Latin America. This year: a training plan for the support teams and a mentoring
programme between senior and new key account managers. Volunteers welcome!`,
    hobbies: ["Yoga", "Hiking", "Reading"],
    hotTopics: ["Training needs survey", "Mentoring programme"],
    skills: ["Coaching", "Employment law", "Portuguese", "Recruiting"],
  }),
  member("saoPaulo", "joao.pereira@demo.test", "João Pereira", "member", {
    title: "Controller, Latin America",
    department: "Finance",
    locale: "en",
    languages: ["Portuguese", "English"],
    phone: "+55 11 92109-8765",
    bio: `Controller for Latin America. I speak fluent SAP and reasonable spreadsheet. Ask me about Brazilian tax
invoices (notas fiscais) — I promise a short answer.`,
    hobbies: ["Chess", "Football", "Jazz"],
    hotTopics: ["Budget 2025", "Client profitability review"],
    skills: ["SAP", "Excel", "IFRS", "SQL"],
  }),
  member("saoPaulo", "fernanda.rodrigues@demo.test", "Fernanda Rodrigues", "member", {
    title: "Operations Manager, Latin America",
    department: "Operations",
    locale: "en",
    languages: ["Portuguese", "English", "Spanish"],
    phone: "+55 11 91098-7654",
    bio: `Operations for Latin America: our network of tow trucks, garages and clinics from Manaus to Ushuaia. I'm
preparing the roadside assistance launch in Chile and Argentina.`,
    hobbies: ["Hiking", "Photography", "Gardening"],
    hotTopics: ["LatAm roadside assistance launch", "Provider network quality"],
    skills: ["Project management", "Lean", "Spanish", "Negotiation"],
  }),
  member("saoPaulo", "gabriel.nakamura@demo.test", "Gabriel Nakamura", "member", {
    title: "Data Engineer",
    department: "IT",
    locale: "en",
    languages: ["Portuguese", "English", "Japanese"],
    phone: "+55 11 99876-5432",
    bio: `Data engineer working with Mamadou on the client dashboards and with Thomas on the Salesforce data
migration. Third-generation Paulistano, second-generation coffee addict.`,
    hobbies: ["Cycling", "Chess", "Photography"],
    hotTopics: ["Salesforce migration", "Client dashboards"],
    skills: ["Python", "SQL", "Kubernetes", "Salesforce"],
  }),
];
