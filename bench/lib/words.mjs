// Word lists the seeder picks from, inside SQLite (see `pick` in seed-large.mjs). No quotes, no markup characters.
export const FIRST_NAMES = [
  "Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis", "Manon", "Gabriel", "Inès", "Arthur", "Zoé", "Jules", "Sarah", "Adam",
  "Emma", "Nathan", "Alice", "Raphaël", "Jade", "Noah", "Amira", "Yanis", "Sofia", "Mohamed", "Nina", "Tom", "Anaïs",
  "Théo", "Maëlle", "Paul", "Olivia", "James", "Priya", "Wei", "Kenji", "Ana", "João", "Fatou", "Oumar", "Ingrid", "Lars",
  "Marta", "Diego", "Elena", "Ahmed", "Hannah", "Lukas", "Chen", "Aisha", "Mateo",
];
export const LAST_NAMES = [
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
  "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
  "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Smith", "Johnson", "Patel", "Nguyen", "Kim", "Silva",
  "Santos", "Diallo", "Traoré", "Müller", "Schmidt", "Rossi", "Novak", "Kowalski", "Andersen", "Haddad", "Okafor", "Tanaka",
  "Wang", "López",
];
export const DEPARTMENTS = [
  "Engineering", "Sales", "Marketing", "Finance", "Human Resources", "Legal", "Customer Success", "Operations", "Product",
  "Design", "Purchasing", "Support",
];
/** Location, its IANA time zone and the member's locale, index-aligned. */
export const LOCATIONS = ["Paris", "Lyon", "Montréal", "São Paulo", "London", "Berlin", "Singapore", "New York"];
export const TIMEZONES = ["Europe/Paris", "Europe/Paris", "America/Toronto", "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Asia/Singapore", "America/New_York"];
export const FRENCH_LOCATIONS = 3; // the first three locations use the French catalogue
export const TITLES = [
  "Software Engineer", "Senior Engineer", "Account Executive", "Product Manager", "Designer", "Data Analyst", "Accountant",
  "HR Business Partner", "Legal Counsel", "Customer Success Manager", "Operations Lead", "Buyer", "Support Specialist",
  "Engineering Manager", "Marketing Manager", "Controller", "Recruiter", "Site Manager", "Project Manager", "Intern",
];
export const SKILLS = [
  "typescript", "sql", "negotiation", "excel", "figma", "python", "kubernetes", "salesforce", "sap", "accounting", "gdpr",
  "copywriting", "public-speaking", "recruiting", "coaching", "rust", "go", "react", "design-systems", "seo", "analytics",
  "budgeting", "procurement", "contract-law", "customer-onboarding", "incident-response", "security", "accessibility",
  "spanish", "german", "mandarin", "portuguese", "lean", "scrum", "okr", "tableau", "power-bi", "devops", "testing", "ux",
];
export const HOBBIES = [
  "running", "climbing", "chess", "cooking", "photography", "cycling", "gardening", "piano", "guitar", "yoga", "football",
  "board games", "hiking", "painting", "reading", "swimming", "tennis", "baking", "travel", "volunteering",
];
export const LANGUAGE_SETS = ['["fr","en"]', '["en"]', '["fr"]', '["en","es"]', '["pt","en"]', '["de","en"]', '["en","zh"]', '["fr","en","de"]'];
export const GROUP_ADJECTIVES = [
  "Northern", "Blue", "Open", "Quiet", "Rapid", "Green", "Silver", "Bright", "Central", "Eastern", "Western", "Southern",
  "Agile", "Curious", "Friendly", "Golden", "Hidden", "Lively", "Modern", "Shared",
];
export const GROUP_NOUNS = [
  "Atlas", "Harbor", "Compass", "Beacon", "Garden", "Workshop", "Circle", "Studio", "Bridge", "Lighthouse", "Forum", "Guild",
  "Kitchen", "Lab", "Hub", "Corner", "Square", "Orchard", "Summit", "Relay",
];
export const GROUP_KINDS = ["community", "project", "wellbeing", "onboarding", "client"];
export const COVER_COLORS = ["#0f5e5e", "#5e0f3a", "#1f4e8c", "#8c5a1f", "#2f7d32", "#6a1b9a", "#37474f", "#b23c17"];
export const TAGS = [
  "onboarding", "security", "release", "customer", "hiring", "wellbeing", "roadmap", "budget", "event", "training", "safety",
  "quality", "sustainability", "sales", "support", "design", "data", "legal", "office", "travel", "ai", "cloud", "mobile",
  "kudos", "afterwork", "diversity", "volunteering", "sport", "lunch", "retro",
];
export const SENTENCES = [
  "The quarterly review is on Thursday and the slides are in the shared folder.",
  "Who has experience with the new expense tool? I am stuck on the mileage form.",
  "Great job everyone on the release last night, zero incidents so far.",
  "Reminder: the Lyon office is closed on Friday for maintenance work.",
  "We are looking for volunteers to mentor the new interns this summer.",
  "Here is a summary of the customer feedback we collected in March.",
  "Does anyone know which meeting room has the good video setup?",
  "The security training is mandatory before the end of the month.",
  "I wrote a short guide on how to request access to the data warehouse.",
  "Thanks to the support team for handling the weekend escalation so calmly.",
  "Proposal: let us move the weekly sync to Tuesday mornings.",
  "The new coffee machine on the third floor finally works.",
  "Can someone review the contract template before we send it to the client?",
  "Our team is hiring two backend engineers, referrals are welcome.",
  "Lunch and learn next week: an introduction to accessible design.",
  "The migration to the new CRM is planned for the second half of the year.",
  "Please fill in the wellbeing survey, it takes five minutes.",
  "Photos from the summer party are now in the library.",
  "We reduced the onboarding time from three weeks to ten days.",
  "Is there a template for the project kickoff deck somewhere?",
  "The budget for next year has been approved by the committee.",
  "Heads up: the VPN will be down for an hour on Sunday night.",
  "Our client in Montréal renewed for three more years.",
  "I am collecting ideas for the next hackathon theme.",
  "The sustainability report shows a ten percent drop in travel emissions.",
  "New colleagues in Singapore joined the support team this week.",
  "Could we document the release checklist in the wiki?",
  "The legal team published updated guidance on data retention.",
  "Congratulations to the São Paulo team for the customer award.",
  "Who wants to join the Thursday running club along the river?",
  "The design system now has dark mode tokens.",
  "We need two more people for the charity football tournament.",
  "I found a bug in the travel booking flow, the ticket is open.",
  "Our retro notes and action items are attached below.",
  "The Berlin office is organising a German conversation table.",
  "Training budget requests for next quarter are due Friday.",
  "Let us celebrate the tenth anniversary of the New York office.",
  "The analytics dashboard now refreshes every hour instead of every day.",
  "Please welcome our new head of operations.",
  "A quick poll: should the all hands be recorded for other time zones?",
];
export const LINK_TITLES = [
  "How remote teams keep their rituals alive", "A practical guide to accessible forms", "What we learned from a year of OKRs",
  "The state of cloud costs", "Writing incident reviews without blame", "Ten tips for better meetings",
  "Why documentation is a product", "Designing for trust in enterprise software",
];
export const ANNOUNCEMENT_TITLES = [
  "New travel policy", "Office closure", "Annual review calendar", "Security update", "Benefits enrolment opens",
  "Organisation change", "New expense tool", "Holiday schedule",
];
export const BIOS = [
  "Happy to help with anything related to my team.", "Ask me about our tooling and processes.",
  "Ten years in the company, still learning every day.", "Coffee first, then questions.",
  "I like turning messy spreadsheets into clear dashboards.", "Mentor for new joiners in my department.",
];
