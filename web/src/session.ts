import { batch, computed, signal } from "@preact/signals";
import { api, ApiError, onApiSignal } from "./api";
import type { MeCan, MeResponse, Profile, ProfilePatch } from "./api-types";
import { locale, setLocale, type Locale } from "./i18n";
import { deviceTimeZone, isTimeZone, readerTimeZone } from "./i18n/format";
import { forgetKeptReads, keepReadsFor } from "./offline";
import { closeOutbox, openOutbox } from "./outbox";
import { forgetDrafts } from "./features/posts/drafts";
import { renewPush } from "./features/settings/push-subscription";

export type SessionStatus = "loading" | "signed-out" | "ready" | "error";

/** Where the app stands with the server: loading at start, then signed out, ready, or unable to reach it. */
export const sessionStatus = signal<SessionStatus>("loading");
/** The signed-in member's own profile. */
export const me = signal<Profile | null>(null);
/** True while a newer ethics charter waits for this member's acceptance: nothing else is shown until then. */
export const charterRequired = signal(false);
/** What I may do across the network, as the server decided it (GET /api/v1/me `can`): never re-derived from my role. */
export const can = signal<MeCan | null>(null);
export const isAdmin = computed(() => can.value?.administer === true);
export const mayUseCoffee = computed(() => can.value?.useCoffee === true);
export const mayCreateGroups = computed(() => can.value?.createGroups === true);
/** A deliberate sign-out goes to a plain sign-in page; an ended session comes back to where the member was. */
export const signedOutOnPurpose = signal(false);

/** Keeps the client in step with a fresh copy of my profile (language and time zone follow it). */
export function updateMe(user: Profile) {
  batch(() => {
    me.value = user;
    if (user.locale !== locale.value) void setLocale(user.locale);
    // "UTC" is the server's default for a member who never chose: the device knows better then.
    readerTimeZone.value = user.timezone && user.timezone !== "UTC" && isTimeZone(user.timezone) ? user.timezone : deviceTimeZone;
  });
}

export function setSignedIn(user: Profile, charterAccepted: boolean, rights: MeCan) {
  void keepReadsFor(user.id);
  openOutbox(user.id);
  forgetDrafts(user.id);
  void renewPush(user.id);
  batch(() => {
    updateMe(user);
    can.value = rights;
    charterRequired.value = !charterAccepted;
    sessionStatus.value = "ready";
  });
}

function setSignedOut(onPurpose = false) {
  // Nothing private outlives the session: the kept API reads go with it.
  void forgetKeptReads();
  closeOutbox();
  forgetDrafts();
  batch(() => {
    signedOutOnPurpose.value = onPurpose;
    me.value = null;
    can.value = null;
    charterRequired.value = false;
    sessionStatus.value = "signed-out";
  });
}

/** Asks the server who I am (GET /api/v1/me); a 401 means signed out. */
export async function loadSession(): Promise<void> {
  try {
    const answer = await api<MeResponse>("/me");
    setSignedIn(answer.user, answer.charterAccepted, answer.can);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) setSignedOut();
    else sessionStatus.value = "error";
  }
}

export async function signOut(): Promise<void> {
  try {
    await api("/auth/logout", { method: "POST" });
  } finally {
    setSignedOut(true);
  }
}

/** Saves part of my profile and applies the answer. */
export async function patchProfile(patch: ProfilePatch): Promise<Profile> {
  const user = await api<Profile>("/me/profile", { method: "PATCH", body: patch });
  updateMe(user);
  return user;
}

/** Switches the language now, and remembers it on the profile when signed in (localStorage otherwise). */
export async function changeLocale(next: Locale): Promise<void> {
  await setLocale(next);
  if (me.value && me.value.locale !== next) await patchProfile({ locale: next });
}

onApiSignal({
  charterRequired: () => {
    if (sessionStatus.value === "ready") charterRequired.value = true;
  },
  unauthenticated: () => {
    // The session ended elsewhere (sign-out in another tab, deactivation): back to the sign-in screen.
    if (sessionStatus.value === "ready") setSignedOut();
  },
});
