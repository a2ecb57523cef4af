import type { LeftOutReason } from "../../../contract/enums";
import { intersect, longestOverlapMinutes, type Span } from "./availability";

/** A coffee can happen in 30 minutes together. */
export const MIN_OVERLAP_MINUTES = 30;

export type Candidate = { id: string; department: string; location: string; spans: Span[] };
export type PairingPlan = { groups: string[][]; leftOut: { id: string; reason: LeftOutReason }[] };

/**
 * Pairs opted-in members for a week: only across departments, never two who met recently (`blocked`: paired in the
 * last 8 weeks or in direct interaction in the last 90 days), only with 30 common minutes. Preference goes to
 * different sites and longer overlaps. The hardest to place are placed first, several deterministic orders are tried
 * and the fullest matching wins; an odd one out joins a pair as a trio when all three fit. Everyone left out gets a
 * reason from the closed list.
 */
export function planPairings(candidates: Candidate[], blocked: (a: string, b: string) => boolean): PairingPlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const withHours = candidates.filter((c) => c.spans.length > 0);
  const fits = new Map<string, { id: string; score: number }[]>();
  for (const a of withHours) fits.set(a.id, []);
  for (let i = 0; i < withHours.length; i++) {
    for (let j = i + 1; j < withHours.length; j++) {
      const a = withHours[i];
      const b = withHours[j];
      if (a.department === b.department || blocked(a.id, b.id)) continue;
      const overlap = longestOverlapMinutes(intersect(a.spans, b.spans));
      if (overlap < MIN_OVERLAP_MINUTES) continue;
      const score = (a.location !== b.location ? 1000 : 0) + Math.min(overlap, 240);
      fits.get(a.id)!.push({ id: b.id, score });
      fits.get(b.id)!.push({ id: a.id, score });
    }
  }
  for (const list of fits.values()) list.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));

  let best: string[][] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    const order = [...fits.keys()].sort((x, y) => fits.get(x)!.length - fits.get(y)!.length || rank(x, attempt) - rank(y, attempt));
    const taken = new Set<string>();
    const pairs: string[][] = [];
    for (const id of order) {
      if (taken.has(id)) continue;
      const partner = fits.get(id)!.find((f) => !taken.has(f.id));
      if (!partner) continue;
      taken.add(id).add(partner.id);
      pairs.push([id, partner.id]);
    }
    augment(pairs, taken, fits);
    if (pairs.length > best.length) best = pairs;
  }

  const paired = new Set(best.flat());
  const groups = best.map((p) => [...p]);
  // An odd one out joins a pair they both fit with, in a common half hour of all three.
  for (const id of [...fits.keys()].filter((x) => !paired.has(x))) {
    const me = byId.get(id)!;
    const mine = new Set(fits.get(id)!.map((f) => f.id));
    const trio = groups.find(
      (g) => g.length === 2 && g.every((x) => mine.has(x)) && longestOverlapMinutes(intersect(intersect(me.spans, byId.get(g[0])!.spans), byId.get(g[1])!.spans)) >= MIN_OVERLAP_MINUTES,
    );
    if (trio) {
      trio.push(id);
      paired.add(id);
    }
  }

  const leftOut = candidates
    .filter((c) => !paired.has(c.id))
    .map((c) => ({ id: c.id, reason: whyLeftOut(c, candidates, blocked, fits) }));
  return { groups, leftOut };
}

/** A stable pseudo-random rank of an id for the n-th attempt (FNV-1a of the id and n). */
function rank(id: string, n: number): number {
  let h = 2166136261 ^ n;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** One round of augmenting swaps: an unpaired u who fits v (paired with w) takes v when w can take another unpaired x. */
function augment(pairs: string[][], taken: Set<string>, fits: Map<string, { id: string }[]>) {
  const free = () => [...fits.keys()].filter((id) => !taken.has(id));
  let improved = true;
  while (improved) {
    improved = false;
    for (const u of free()) {
      for (const { id: v } of fits.get(u)!) {
        const pair = pairs.find((p) => p.includes(v));
        if (!pair) continue;
        const w = pair[0] === v ? pair[1] : pair[0];
        const x = fits.get(w)!.find((f) => !taken.has(f.id) && f.id !== u);
        if (!x) continue;
        pair.splice(0, 2, u, v);
        pairs.push([w, x.id]);
        taken.add(u).add(x.id);
        improved = true;
        break;
      }
      if (improved) break;
    }
  }
}

function whyLeftOut(c: Candidate, all: Candidate[], blocked: (a: string, b: string) => boolean, fits: Map<string, unknown[]>): LeftOutReason {
  if (c.spans.length === 0) return "no_hours";
  const otherDepartments = all.filter((o) => o.id !== c.id && o.department !== c.department);
  if (otherDepartments.length === 0) return "no_partner_outside_department";
  const fresh = otherDepartments.filter((o) => !blocked(c.id, o.id));
  if (fresh.length === 0) return "all_met_recently";
  if ((fits.get(c.id)?.length ?? 0) === 0) return "no_overlap";
  return "odd_one_out";
}
