import type { ComponentChildren } from "preact";

/** A labelled form control with its hint and its error, wired for screen readers (`aria-describedby`). */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? " field-invalid" : ""}`}>
      <label for={id}>{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} class="field-hint">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The `aria-describedby` / `aria-invalid` props matching a Field's hint and error. */
export function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? ("true" as const) : undefined };
}
