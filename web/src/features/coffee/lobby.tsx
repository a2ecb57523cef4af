import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api";
import { EmptyState } from "../../components/empty-state";
import { describedBy, Field } from "../../components/field";
import { Icon } from "../../components/icons";
import { MemberChip } from "../../components/member-chip";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { t } from "../../i18n";
import { errorText, fieldIssueText } from "../../i18n/error-text";
import { mayUseCoffee } from "../../session";
import { LiveStatus } from "./live-status";
import { LiveOfficeHours } from "../office-hours/live-office-hours";
import { holdLobby, lobbyError, lobbyLoaded, lobbyRooms, lobbyStatus, retryLobby } from "./lobby-store";
import { askTicket } from "./coffee-socket";
import "./coffee.css";

/** The bound of POST /api/v1/coffee/rooms `{title}`. */
const MAX_TITLE = 80;

/** `/coffee`: the coffee machine — the open rooms and who is in each right now, live; open one or drop into one. */
export function CoffeeLobby() {
  usePageTitle(t("coffee.title"));
  const guest = !mayUseCoffee.value;
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => (guest ? undefined : holdLobby()), [guest]);

  if (guest) return <MembersOnly />;

  const rooms = lobbyRooms.value;
  const error = lobbyError.value;
  return (
    <section class="page coffee-lobby">
      <div class="coffee-lobby-head">
        <h1>{t("coffee.title")}</h1>
        <LiveStatus status={lobbyStatus.value} />
      </div>
      <p class="muted">{t("coffee.intro")}</p>

      <OpenRoomForm inputRef={titleRef} />

      {error && !lobbyLoaded.value ? (
        <div class="card">
          <EmptyState
            role="alert"
            title={error instanceof ApiError && error.status === 404 ? t("coffee.membersOnly") : errorText(error)}
            action={<button type="button" class="btn btn-secondary" onClick={retryLobby}>{t("common.retry")}</button>}
          />
        </div>
      ) : !lobbyLoaded.value ? (
        <div class="card">
          <Skeleton lines={4} />
        </div>
      ) : rooms.length === 0 ? (
        <div class="card">
          <EmptyState
            icon="coffee"
            title={t("coffee.empty")}
            action={
              <button type="button" class="btn btn-primary" onClick={() => titleRef.current?.focus()}>
                {t("coffee.open.title")}
              </button>
            }
          >
            {t("coffee.emptyBody")}
          </EmptyState>
        </div>
      ) : (
        <ul class="coffee-rooms" aria-label={t("coffee.rooms")}>
          {rooms.map((room) => (
            <li key={room.id} class="card coffee-room-card" aria-labelledby={`room-${room.id}`}>
              <div class="coffee-room-card-head">
                <h2 id={`room-${room.id}`} class="coffee-room-card-title">
                  <a href={`/coffee/${encodeURIComponent(room.id)}`} onPointerDown={() => askTicket(room.id)} onKeyDown={(e) => e.key === "Enter" && askTicket(room.id)}>
                    {room.title}
                  </a>
                </h2>
                <span class="muted small">{room.members.length ? t("coffee.here", { count: room.members.length }) : t("coffee.nobodyHere")}</span>
              </div>
              {room.members.length ? (
                <ul class="coffee-room-members" aria-label={t("coffee.membersOf", { title: room.title })}>
                  {room.members.map((member) => (
                    <li key={member.id}>
                      <MemberChip member={member} />
                    </li>
                  ))}
                </ul>
              ) : null}
              <a class="btn btn-primary coffee-join" href={`/coffee/${encodeURIComponent(room.id)}`} onPointerDown={() => askTicket(room.id)} onKeyDown={(e) => e.key === "Enter" && askTicket(room.id)}>
                {t("coffee.join")}
                <span class="visually-hidden"> {room.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      {/* Below the rooms, once they are on screen: nothing here moves when the room's welcome brings them. */}
      {lobbyLoaded.value || error ? (
        <>
          <LiveOfficeHours />

          <a class="card card-link coffee-pairing-link" href="/coffee/pairing">
            <Icon name="people" size={24} />
            <span class="card-link-title">{t("pairing.title")}</span>
            <span class="muted">{t("coffee.pairingTeaser")}</span>
          </a>
        </>
      ) : null}
    </section>
  );
}

function MembersOnly() {
  return (
    <section class="page">
      <h1>{t("coffee.title")}</h1>
      <div class="card">
        <EmptyState icon="coffee" title={t("coffee.membersOnly")} action={<a class="btn btn-secondary" href="/">{t("notFound.action")}</a>} />
      </div>
    </section>
  );
}

function OpenRoomForm({ inputRef }: { inputRef: { current: HTMLInputElement | null } }) {
  const { route } = useLocation();
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const clean = title.trim();
    if (!clean) {
      setError(t("coffee.open.required"));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const room = await api<{ id: string; title: string }>("/coffee/rooms", { method: "POST", body: { title: clean } });
      route(`/coffee/${encodeURIComponent(room.id)}`);
    } catch (err) {
      const issue = err instanceof ApiError ? err.fieldIssues.find((i) => i.path === "title" || i.path.endsWith(".title")) : undefined;
      setError(issue ? fieldIssueText(issue.message) : err instanceof ApiError && err.status === 404 ? t("coffee.membersOnly") : errorText(err));
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const hint = t("coffee.open.hint");
  return (
    <form class="card coffee-open" onSubmit={submit} noValidate>
      <h2 class="coffee-open-title">{t("coffee.open.title")}</h2>
      <div class="coffee-open-row">
        <Field id="coffee-title" label={t("coffee.open.label")} hint={hint} error={error}>
          <input
            ref={inputRef}
            id="coffee-title"
            type="text"
            value={title}
            maxLength={MAX_TITLE}
            autoComplete="off"
            onInput={(e) => setTitle(e.currentTarget.value)}
            {...describedBy("coffee-title", hint, error)}
          />
        </Field>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("coffee.open.submitting") : t("coffee.open.submit")}
        </button>
      </div>
    </form>
  );
}
