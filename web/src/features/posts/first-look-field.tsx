import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import type { FirstLookBody, Group, Page } from "../../api-types";
import { GroupChecklist } from "../../components/group-checklist";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { errorText } from "../../i18n/error-text";
import { localInputToUtc, utcToLocalInput } from "../../i18n/zoned-time";

/** The longest a first look may wait (contract/posts.ts FIRST_LOOK_MAX_DAYS; the server checks it again). */
const MAX_DAYS = 90;

/**
 * An announcement's first look as the composer holds it (API.md "First look"): off by default; the wider audience (the
 * whole network, or chosen groups) and the wall-clock time, as the `datetime-local` input shows it, in the reader's zone.
 */
export type FirstLookChoice = { on: boolean; audience: "network" | "groups"; groupIds: string[]; at: string };
export type FirstLookErrors = { firstLookAt?: string; firstLookGroups?: string };

/** Off, for chosen groups, tomorrow at 09:00 in `zone`. */
export function newFirstLook(zone: string, now = Date.now()): FirstLookChoice {
  return { on: false, audience: "groups", groupIds: [], at: `${utcToLocalInput(now + 86_400_000, zone).slice(0, 10)}T09:00` };
}

/** The audience actually asked for in `home`: the network only where the member may give it to the network. */
function audienceIn(choice: FirstLookChoice, home: Group): "network" | "groups" {
  return choice.audience === "network" && home.can.announceToNetwork ? "network" : "groups";
}

/** What is wrong with the choice before it is sent, in the member's language (the server says the same, in English). */
export function firstLookProblems(choice: FirstLookChoice, home: Group, zone: string, now = Date.now()): FirstLookErrors {
  const errors: FirstLookErrors = {};
  const at = localInputToUtc(choice.at, zone);
  if (!Number.isFinite(at)) errors.firstLookAt = t("composer.firstLook.atInvalid");
  else if (at <= now) errors.firstLookAt = t("composer.firstLook.atPast");
  else if (at > now + MAX_DAYS * 86_400_000) errors.firstLookAt = t("composer.firstLook.atTooFar", { days: MAX_DAYS });
  if (audienceIn(choice, home) === "groups" && !choice.groupIds.some((id) => id !== home.id)) errors.firstLookGroups = t("composer.firstLook.groupRequired");
  return errors;
}

/** The `firstLook` of the post's body (a checked choice). */
export function firstLookBody(choice: FirstLookChoice, home: Group, zone: string): FirstLookBody {
  const at = new Date(localInputToUtc(choice.at, zone)).toISOString();
  return audienceIn(choice, home) === "network" ? { audience: "network", at } : { audience: { groupIds: choice.groupIds.filter((id) => id !== home.id) }, at };
}

type OtherGroups = { groups: Group[] } | { error: string } | null;

/** The groups I am a member of, other than the home group: those a first look may name. Read once it is switched on. */
function useOtherGroups(homeId: string, wanted: boolean): [OtherGroups, () => void] {
  const [state, setState] = useState<OtherGroups>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    setState(null);
    api<Page<Group>>("/groups", { query: { mine: "1", limit: 100 }, signal: controller.signal }).then(
      (page) => setState({ groups: page.items.filter((g) => g.membership?.state === "member") }),
      (err) => {
        if (!controller.signal.aborted) setState({ error: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [wanted, attempt]);
  const others: OtherGroups = state && "groups" in state ? { groups: state.groups.filter((g) => g.id !== homeId) } : state;
  return [others, () => setAttempt((n) => n + 1)];
}

const VISIBILITY_LABEL = { open: "groups.open", private: "groups.private", secret: "groups.secret" } as const;

/**
 * The composer's "First look" part, for an announcement: a switch (off by default), then who reads it next — the whole
 * network (offered only where the member may: `can.announceToNetwork`) or chosen groups — and from when, in the
 * reader's time zone. The input takes seconds too (`step="any"`), though it shows minutes unless given seconds.
 */
export function FirstLookField({ idBase, home, zone, value, onChange, errors }: { idBase: string; home: Group; zone: string; value: FirstLookChoice; onChange: (next: FirstLookChoice) => void; errors: FirstLookErrors }) {
  const audience = audienceIn(value, home);
  const [others, retry] = useOtherGroups(home.id, value.on);
  const set = (patch: Partial<FirstLookChoice>) => onChange({ ...value, ...patch });
  const id = `${idBase}-first-look`;
  const list = others && "groups" in others ? others.groups : [];

  return (
    <div class="first-look">
      <label class="check choice">
        <input type="checkbox" checked={value.on} onChange={(e) => set({ on: e.currentTarget.checked })} />
        <span>
          {t("composer.firstLook.label")}
          <span class="field-hint">{t("composer.firstLook.hint", { group: home.name })}</span>
        </span>
      </label>
      {value.on ? (
        <div class="first-look-options">
          <fieldset class={errors.firstLookGroups ? "field-invalid" : undefined} aria-describedby={errors.firstLookGroups ? `${id}-groups-error` : undefined}>
            <legend>{t("composer.firstLook.audience")}</legend>
            {home.can.announceToNetwork ? (
              <div class="first-look-audience">
                <label class="check">
                  <input type="radio" name={`${id}-audience`} checked={audience === "groups"} onChange={() => set({ audience: "groups" })} />
                  <span>{t("composer.firstLook.groups")}</span>
                </label>
                <label class="check">
                  <input type="radio" name={`${id}-audience`} checked={audience === "network"} onChange={() => set({ audience: "network" })} />
                  <span>{t("composer.firstLook.network")}</span>
                </label>
              </div>
            ) : null}
            {audience === "network" ? null : others === null ? (
              <Skeleton lines={2} />
            ) : "error" in others ? (
              <div class="first-look-problem">
                <p class="field-error" role="alert">
                  {others.error}
                </p>
                <button type="button" class="btn btn-secondary" onClick={retry}>
                  {t("common.retry")}
                </button>
              </div>
            ) : list.length === 0 ? (
              <p class="muted small">{t("composer.firstLook.noGroups")}</p>
            ) : (
              <GroupChecklist
                id={id}
                groups={list}
                value={value.groupIds}
                onChange={(groupIds) => set({ groupIds })}
                filterLabel={t("composer.firstLook.filter")}
                note={(g) => t(VISIBILITY_LABEL[g.visibility])}
                listClass="first-look-groups"
              />
            )}
            {errors.firstLookGroups ? (
              <p id={`${id}-groups-error`} class="field-error" role="alert">
                {errors.firstLookGroups}
              </p>
            ) : null}
          </fieldset>
          <div class={`field${errors.firstLookAt ? " field-invalid" : ""}`}>
            <label for={`${id}-at`}>{t("composer.firstLook.at")}</label>
            <input
              id={`${id}-at`}
              type="datetime-local"
              step="any"
              value={value.at}
              onInput={(e) => set({ at: e.currentTarget.value })}
              aria-invalid={errors.firstLookAt ? "true" : undefined}
              aria-describedby={`${id}-at-hint${errors.firstLookAt ? ` ${id}-at-error` : ""}`}
            />
            <p id={`${id}-at-hint`} class="field-hint">
              {t("composer.firstLook.atHint", { zone })}
            </p>
            {errors.firstLookAt ? (
              <p id={`${id}-at-error`} class="field-error" role="alert">
                {errors.firstLookAt}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
