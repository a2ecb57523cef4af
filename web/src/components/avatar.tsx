const HUES = 8;

/** The same member always gets the same colour (a small hash of the id picks one of the palette's hues). */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % HUES;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0]?.toUpperCase() ?? "").join("") || "?";
}

export type AvatarSize = "sm" | "md" | "lg" | "xl";

/**
 * A member's photo, or their initials on their colour. Decorative unless `label` is given: the name is shown beside it.
 * The initials are part of the picture, drawn by CSS (`.drawn-text`) like the photo they stand for: as text in the DOM
 * they would count as the visible label of a control that holds the avatar (the account button: WCAG 2.5.3, axe's
 * label-content-name-mismatch), which its name ("Account menu for …") does not contain.
 */
export function Avatar({ member, size = "md", label }: { member: { id: string; name: string; avatarUrl: string | null }; size?: AvatarSize; label?: string }) {
  if (member.avatarUrl) {
    return <img class={`avatar avatar-${size}`} src={member.avatarUrl} alt={label ?? ""} loading="lazy" decoding="async" />;
  }
  return (
    <span
      class={`avatar avatar-${size} avatar-hue-${hueOf(member.id)} drawn-text`}
      data-text={initialsOf(member.name)}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : "true"}
    />
  );
}
