import type { ComponentChildren } from "preact";
import { Icon, type IconName } from "./icons";

/** A calm empty (or error) state with the one action that fills it. */
export function EmptyState({ icon, title, children, action, role }: { icon?: IconName; title: string; children?: ComponentChildren; action?: ComponentChildren; role?: "alert" | "status" }) {
  return (
    <div class="empty-state" role={role}>
      {icon ? <span class="empty-state-icon"><Icon name={icon} size={28} /></span> : null}
      <p class="empty-state-title">{title}</p>
      {children ? <div class="muted">{children}</div> : null}
      {action ? <div class="empty-state-action">{action}</div> : null}
    </div>
  );
}
