import PartySocket from "partysocket";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api";
import type { Campaign, Group, Idea, IdeaStatus } from "../../api-types";
import { Badge, type BadgeTone } from "../../components/badge";
import { toast } from "../../components/toast";
import { t, type MessageKey } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { formatDateTime } from "../../i18n/format";
import { me } from "../../session";
import "./ideas.css";

// The home rail's needs (closing-soon.tsx) live in campaign-when.ts, without this module's socket and stylesheet.
export { campaignHref, campaignWhen } from "./campaign-when";

/** The funnel (API.md "Ideas"): where an idea may go from each status; `declined` from anything before `implemented`. */
export const NEXT_STATUSES: Record<IdeaStatus, IdeaStatus[]> = {
  submitted: ["studied", "declined"],
  studied: ["retained", "declined"],
  retained: ["implemented", "declined"],
  implemented: [],
  declined: [],
};
export const ALL_STATUSES: IdeaStatus[] = ["submitted", "studied", "retained", "implemented", "declined"];

const STATUS_LABEL: Record<IdeaStatus, MessageKey> = {
  submitted: "ideas.status.submitted",
  studied: "ideas.status.studied",
  retained: "ideas.status.retained",
  implemented: "ideas.status.implemented",
  declined: "ideas.status.declined",
};
const STATUS_TONE: Record<IdeaStatus, BadgeTone> = { submitted: "neutral", studied: "accent", retained: "success", implemented: "success", declined: "danger" };

export const statusLabel = (status: IdeaStatus) => t(STATUS_LABEL[status]);

export function StatusBadge({ status }: { status: IdeaStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{statusLabel(status)}</Badge>;
}

export const ideaHref = (id: string) => `/ideas/${encodeURIComponent(id)}`;
export const boxHref = (groupId: string) => `/ideas/box/${encodeURIComponent(groupId)}`;

/** The Group view gains `ideaBox: boolean` with the ideas work; read defensively until every server sends it. */
export function hasIdeaBox(group: Group): boolean {
  return (group as Group & { ideaBox?: unknown }).ideaBox === true;
}

export function campaignDates(c: Pick<Campaign, "startsAt" | "endsAt">): string {
  return t("ideas.dates", { from: formatDateTime(c.startsAt), to: formatDateTime(c.endsAt) });
}

export const STATE_LABEL: Record<Campaign["state"], MessageKey> = { scheduled: "ideas.state.scheduled", open: "ideas.state.open", closed: "ideas.state.closed" };
export function StateBadge({ state }: { state: Campaign["state"] }) {
  return <Badge tone={state === "open" ? "success" : state === "scheduled" ? "accent" : "neutral"}>{t(STATE_LABEL[state])}</Badge>;
}

// Time zones (a wall-clock time in a zone ⇄ UTC ms): i18n/zoned-time.ts, which the composer and office hours import
// without the rest of this module (its live room's socket, its stylesheet).
export { localInputToUtc, utcToLocalInput } from "../../i18n/zoned-time";

// ---------- Supports ----------

export type SupportContext = {
  /** The campaign's state, or null for a permanent idea box (always open). */
  state: Campaign["state"] | null;
  limit: number | null;
  mine: number;
  /** The caller's supports had reached the limit when the list was read: the server's `can.support` then says no for that reason only. */
  limitAtLoad: boolean;
};

export type SupportVerdict = { enabled: boolean; reason: string | null };

/** Whether the support button works for this idea now, and why not (own idea, limit reached, closed). */
export function supportVerdict(idea: Idea, ctx: SupportContext): SupportVerdict {
  if (idea.author.id === me.value?.id) return { enabled: false, reason: t("ideas.support.own") };
  if (ctx.state === "closed") return { enabled: false, reason: t("ideas.support.closed") };
  if (ctx.state === "scheduled") return { enabled: false, reason: t("ideas.support.notOpen") };
  if (idea.mergedInto) return { enabled: false, reason: t("ideas.support.merged") };
  if (idea.supportedByMe) return { enabled: true, reason: null };
  if (ctx.limit !== null && ctx.mine >= ctx.limit) return { enabled: false, reason: t("ideas.support.limit", { count: ctx.limit }) };
  if (!idea.can.support && !ctx.limitAtLoad) return { enabled: false, reason: t("ideas.support.cannot") };
  return { enabled: true, reason: null };
}

/**
 * The support button (DESIGN.md: optimistic): pressed when I support it, with the count; a refusal puts things back and
 * says why. `onChange` gets the idea as it should now be shown, and the change in my supports (+1, -1).
 */
export function SupportButton({ idea, ctx, onChange }: { idea: Idea; ctx: SupportContext; onChange: (next: Idea, delta: number) => void }) {
  const [busy, setBusy] = useState(false);
  const verdict = supportVerdict(idea, ctx);
  const reasonId = `support-why-${idea.id}`;
  const toggle = async () => {
    if (busy || !verdict.enabled) return;
    const on = !idea.supportedByMe;
    const before = idea;
    onChange({ ...idea, supportedByMe: on, supportCount: Math.max(0, idea.supportCount + (on ? 1 : -1)) }, on ? 1 : -1);
    setBusy(true);
    try {
      await api(`/ideas/${encodeURIComponent(idea.id)}/support`, { method: on ? "PUT" : "DELETE" });
    } catch (err) {
      onChange(before, on ? -1 : 1);
      toast(errorText(err), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="support">
      <button
        type="button"
        class={`btn support-button${idea.supportedByMe ? " is-on" : ""}`}
        aria-pressed={idea.supportedByMe}
        aria-disabled={!verdict.enabled || undefined}
        disabled={!verdict.enabled}
        aria-describedby={verdict.reason ? reasonId : undefined}
        aria-label={t(idea.supportedByMe ? "ideas.support.labelOnShown" : "ideas.support.label", { title: idea.title, count: idea.supportCount })}
        onClick={toggle}
      >
        <span class="support-arrow" aria-hidden="true">▲</span>
        <span class="support-count drawn-text" data-text={String(idea.supportCount)} aria-hidden="true" />
        <span class="support-word" aria-hidden="true">
          {idea.supportedByMe ? t("ideas.support.on") : t("ideas.support.off")}
        </span>
      </button>
      {verdict.reason ? (
        <span id={reasonId} class="support-why muted small">
          {verdict.reason}
        </span>
      ) : null}
    </div>
  );
}

// ---------- The campaign's live room ----------

type SupportedFrame = { ideaId: string; supportCount: number };

/**
 * `/parties/campaign-room/:id` (API.md "Ideas"): `event {seq, name: "idea.supported", data: {ideaId, supportCount}}`.
 * Resumes from the last `seq` on reconnection; `reload` (or a first welcome after a drop) asks the screen to refetch.
 */
export function useCampaignRoom(campaignId: string | null, onSupported: (frame: SupportedFrame) => void, onReload: () => void) {
  const supported = useRef(onSupported);
  supported.current = onSupported;
  const reload = useRef(onReload);
  reload.current = onReload;
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!campaignId) return;
    let lastSeq: number | null = null;
    const socket = new PartySocket({
      host: location.host,
      protocol: location.protocol === "https:" ? "wss" : "ws",
      party: "campaign-room",
      room: campaignId,
      query: () => (lastSeq === null ? {} : { cursor: String(lastSeq) }),
      minReconnectionDelay: 1_000 + Math.random() * 2_000,
      maxReconnectionDelay: 60_000,
      maxEnqueuedMessages: 0,
    });
    const history = (frame: Record<string, unknown>, deliver: boolean) => {
      const seq = frame.seq;
      if (typeof seq !== "number" || !Number.isInteger(seq)) return;
      if (lastSeq !== null && seq <= lastSeq) return;
      lastSeq = seq;
      const data = frame.data as Record<string, unknown> | null;
      if (deliver && frame.type === "event" && frame.name === "idea.supported" && data && typeof data.ideaId === "string" && typeof data.supportCount === "number") {
        supported.current({ ideaId: data.ideaId, supportCount: data.supportCount });
      }
    };
    socket.addEventListener("message", (e: MessageEvent) => {
      if (typeof e.data !== "string") return;
      let frame: unknown;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (typeof frame !== "object" || frame === null) return;
      const f = frame as Record<string, unknown>;
      if (f.type === "welcome") {
        const first = lastSeq === null;
        setLive(true);
        if (Array.isArray(f.backlog)) for (const b of f.backlog) if (typeof b === "object" && b) history(b as Record<string, unknown>, !first);
        if (typeof f.cursor === "number" && (lastSeq === null || f.cursor > lastSeq)) lastSeq = f.cursor;
        if (lastSeq === null) lastSeq = 0;
      } else if (f.type === "event") {
        history(f, true);
      } else if (f.type === "reload") {
        reload.current();
      }
    });
    socket.addEventListener("close", () => setLive(false));
    return () => socket.close();
  }, [campaignId]);
  return live;
}

/**
 * Items that move in a ranked list glide to their new place (FLIP) instead of jumping, and the item the reader is
 * looking at keeps its place on screen: the page scrolls by what moved above it.
 */
export function useGlide(container: { current: HTMLElement | null }, order: string) {
  const positions = useRef(new Map<string, number>());
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const next = new Map<string, number>();
    const items = [...root.querySelectorAll<HTMLElement>("[data-idea-id]")];
    // Relative to the list, so a scroll between two changes is not mistaken for a move.
    const origin = root.getBoundingClientRect().top;
    for (const el of items) next.set(el.dataset.ideaId!, el.getBoundingClientRect().top - origin);
    const reduce = matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (!reduce) {
      for (const el of items) {
        const before = positions.current.get(el.dataset.ideaId!);
        const after = next.get(el.dataset.ideaId!)!;
        if (before === undefined || before === after) continue;
        el.animate([{ transform: `translateY(${before - after}px)` }, { transform: "translateY(0)" }], { duration: 320, easing: "ease-out" });
      }
    }
    positions.current = next;
  }, [order]);
}
