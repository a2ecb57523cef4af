import { MemberSummary } from "../contract/common";

/**
 * What the Worker and the rooms share beyond the frames. The frames themselves, in both directions and for every kind
 * of room, are in contract/rooms.ts; the events they carry in contract/events.ts.
 */
export { MAX_FRAME_BYTES } from "../contract/rooms";

/** A member in the frames: the contract's member summary. */
export const Member = MemberSummary;
export type Member = MemberSummary;

/** The header through which the Worker hands a room the verified member; the Worker strips it from clients first. */
export const IDENTITY_HEADER = "x-comptoir-member";

/** The header through which the Worker hands a room its D1 record (a coffee room's id and title, an office hour's session). */
export const ROOM_HEADER = "x-comptoir-room";

/**
 * What crosses one of these headers: JSON, percent-encoded, since a header value is bytes, not text ("Sophie · Aisha"
 * or "Zoë" in a name would be mangled, and workerd warns of each). `readJsonHeader` is its inverse (null when absent).
 */
export function jsonHeader(value: unknown): string {
  return encodeURIComponent(JSON.stringify(value));
}

export function readJsonHeader(request: Request, name: string): unknown {
  const raw = request.headers.get(name);
  return raw === null ? null : JSON.parse(decodeURIComponent(raw));
}

/**
 * The verified member of each upgrade request, parsed from the identity header once: partyserver asks a room for it in
 * `getConnectionTags`, then again in `onConnect`, for the same request.
 */
export class ConnectingMembers {
  private parsed = new WeakMap<Request, Member>();

  of(request: Request): Member {
    let member = this.parsed.get(request);
    if (!member) {
      member = Member.parse(readJsonHeader(request, IDENTITY_HEADER));
      this.parsed.set(request, member);
    }
    return member;
  }
}

/** Who is in a room now, each member once (a member with several tabs open is one presence). */
export function presenceOf(connections: Iterable<{ state: { member: Member } | null }>): Member[] {
  const seen = new Map<string, Member>();
  for (const c of connections) if (c.state) seen.set(c.state.member.id, c.state.member);
  return [...seen.values()];
}

/**
 * Who is in a room now, kept in memory so that a join does not decode every socket's attachment: partyserver's
 * connection iterator decodes each socket's attachment (a structured clone, uncached) to recognise its own sockets, 500
 * decodes per join in a room of 500. Built once per wake from the open sockets (a hibernated room forgets it), then kept
 * up to date by `arrive` and `depart`; `forget()` makes the next read rebuild it (after a socket error, whose close may
 * never be reported). Each member once, however many tabs (`presenceOf`'s rule).
 */
export class Roster {
  private here: Map<string, { member: Member; sockets: number; json?: string }> | null = null;

  constructor(private readonly connections: () => Iterable<{ id: string; state: { member: Member } | null }>) {}

  /** `except`: a connection to leave out while building (the one closing). */
  private ensure(except?: string): Map<string, { member: Member; sockets: number; json?: string }> {
    if (this.here) return this.here;
    const here = new Map<string, { member: Member; sockets: number; json?: string }>();
    for (const c of this.connections()) {
      if (!c.state || c.id === except) continue;
      const seen = here.get(c.state.member.id);
      if (seen) seen.sockets++;
      else here.set(c.state.member.id, { member: c.state.member, sockets: 1 });
    }
    this.here = here;
    return here;
  }

  /** Before the arriving connection's state is set (so a rebuild now does not count it), then counts it. */
  arrive(member: Member, before: () => void) {
    const here = this.ensure();
    before();
    const seen = here.get(member.id);
    if (seen) {
      seen.sockets++;
      seen.member = member;
      seen.json = undefined;
    } else here.set(member.id, { member, sockets: 1 });
  }

  depart(connectionId: string, memberId: string) {
    if (!this.here) {
      this.ensure(connectionId);
      return;
    }
    const seen = this.here.get(memberId);
    if (seen && --seen.sockets <= 0) this.here.delete(memberId);
  }

  forget() {
    this.here = null;
  }

  members(): Member[] {
    return [...this.ensure().values()].map((e) => e.member);
  }

  /**
   * `members()` as JSON text, each member serialised once per stay (a join then joins N strings instead of
   * serialising N members: the coffee room's welcome, 89 KB at 500).
   */
  membersJson(): string {
    let out = "";
    for (const e of this.ensure().values()) out += (out ? "," : "") + (e.json ??= JSON.stringify(e.member));
    return `[${out}]`;
  }
}
