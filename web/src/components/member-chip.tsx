import type { ComponentChildren } from "preact";
import { Avatar } from "./avatar";
import { LocalTime } from "./local-time";

type ChipMember = { id: string; name: string; avatarUrl: string | null; location: string; timezone: string; title?: string };

/** A member in a list: avatar, name (a link to their profile), title, and their city with its time now. */
export function MemberChip({ member, children }: { member: ChipMember; children?: ComponentChildren }) {
  return (
    <div class="member-chip">
      <Avatar member={member} />
      <div class="member-chip-text">
        <a class="member-chip-name" href={`/people/${encodeURIComponent(member.id)}`}>
          {member.name}
        </a>
        {member.title ? <span class="muted">{member.title}</span> : null}
        <span class="muted small">
          <LocalTime timezone={member.timezone} city={member.location} />
        </span>
        {children}
      </div>
    </div>
  );
}
