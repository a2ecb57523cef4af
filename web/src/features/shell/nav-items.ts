import type { IconName } from "../../components/icons";
import type { MessageKey } from "../../i18n";

export type NavItem = { href: string; label: MessageKey; icon: IconName; adminOnly?: boolean };

/**
 * The sidebar, in DESIGN.md's order, with only what works: Events joins it when its feature lands; until then it
 * leads nowhere.
 */
export const SIDEBAR: NavItem[] = [
  { href: "/", label: "nav.home", icon: "home" },
  { href: "/groups", label: "nav.groups", icon: "groups" },
  { href: "/coffee", label: "nav.coffee", icon: "coffee" },
  { href: "/ideas", label: "nav.ideas", icon: "ideas" },
  { href: "/questions", label: "nav.questions", icon: "questions" },
  { href: "/people", label: "nav.people", icon: "people" },
  { href: "/admin", label: "nav.admin", icon: "admin", adminOnly: true },
];

/** The phone's bottom tab bar (DESIGN.md): Home, Groups, Coffee, Ideas, Questions, Me. */
export const TABS: NavItem[] = [
  { href: "/", label: "nav.home", icon: "home" },
  { href: "/groups", label: "nav.groups", icon: "groups" },
  { href: "/coffee", label: "nav.coffee", icon: "coffee" },
  { href: "/ideas", label: "nav.ideas", icon: "ideas" },
  { href: "/questions", label: "nav.questions", icon: "questions" },
  { href: "/me", label: "nav.me", icon: "me" },
];

export function isActive(item: NavItem, path: string): boolean {
  if (item.href === "/") return path === "/";
  // An idea's campaign lives at /campaigns/:id: still the Ideas section.
  if (item.href === "/ideas") return path === "/ideas" || path.startsWith("/ideas/") || path.startsWith("/campaigns/");
  if (item.href === "/me") return path === "/me" || path === "/me/edit" || path === "/settings";
  return path === item.href || path.startsWith(`${item.href}/`);
}
