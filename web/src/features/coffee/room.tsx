import { useRoute } from "preact-iso";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { Avatar } from "../../components/avatar";
import { EmptyState } from "../../components/empty-state";
import { MemberChip } from "../../components/member-chip";
import { usePageTitle } from "../../components/page-title";
import { Skeleton } from "../../components/skeleton";
import { toast } from "../../components/toast";
import { locale, t, type MessageKey } from "../../i18n";
import { formatClock, formatDateTime, readerTimeZone } from "../../i18n/format";
import { MAX_CHAT_LENGTH, REACTION_KINDS, type ChatFrame, type ReactionKind } from "./frames";
import { CoffeeRoomStore, type StreamItem } from "./room-store";
import { IcebreakerText } from "./icebreaker";
import { LiveStatus } from "./live-status";
import "./coffee.css";

const REACTION_EMOJI: Record<ReactionKind, string> = { like: "👍", thanks: "🙏", support: "💪", celebrate: "🎉" };
const REACTION_LABEL: Record<ReactionKind, MessageKey> = {
  like: "coffee.reaction.like",
  thanks: "coffee.reaction.thanks",
  support: "coffee.reaction.support",
  celebrate: "coffee.reaction.celebrate",
};
const ERROR_TEXT = {
  rate_limited: "coffee.error.rateLimited",
  too_large: "coffee.error.tooLarge",
  bad_frame: "coffee.error.badFrame",
} as const satisfies Record<string, MessageKey>;

/** Messages from one person within this long of each other are shown as one block. */
const GROUP_MS = 5 * 60_000;
/** A typing frame goes out at most this often while the member types. */
const TYPING_EVERY_MS = 3000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Tuesday 5 May" in the reader's zone, for the line between two days of messages. */
function dayLabel(ms: number): string {
  const key = `${locale.value}|${readerTimeZone.value}`;
  let format = dayFormats.get(key);
  if (!format) dayFormats.set(key, (format = new Intl.DateTimeFormat(locale.value, { weekday: "long", day: "numeric", month: "long", timeZone: readerTimeZone.value })));
  return format.format(ms);
}

/** `/coffee/:roomId`: a coffee room, live — the chat with its backlog, reactions, typing, and who is here. */
export function CoffeeRoom() {
  const { params } = useRoute();
  const roomId = params.roomId ?? "";
  const store = useMemo(() => new CoffeeRoomStore(roomId), [roomId]);
  const [showPeople, setShowPeople] = useState(false);

  useEffect(() => {
    store.connect();
    return () => store.dispose();
  }, [store]);

  // Error frames (rate_limited, too_large, bad_frame) are told as toasts; the connection stays open.
  const error = store.error.value;
  useEffect(() => {
    if (error) toast(t(ERROR_TEXT[error.code] ?? "coffee.error.badFrame"), "error");
  }, [error]);

  const title = store.title.value;
  usePageTitle(title || t("coffee.title"));

  const refusal = store.refusal.value;
  if (refusal) {
    return (
      <section class="page">
        <h1>{t("coffee.title")}</h1>
        <div class="card">
          <EmptyState
            icon="coffee"
            role="alert"
            title={refusal === "members-only" ? t("coffee.membersOnly") : t("coffee.room.unavailable")}
            action={
              <div class="actions">
                {refusal === "unavailable" ? (
                  <button type="button" class="btn btn-primary" onClick={() => store.retry()}>
                    {t("common.retry")}
                  </button>
                ) : null}
                <a class="btn btn-secondary" href={refusal === "members-only" ? "/" : "/coffee"}>
                  {refusal === "members-only" ? t("notFound.action") : t("coffee.room.backToLobby")}
                </a>
              </div>
            }
          >
            {refusal === "unavailable" ? t("coffee.room.unavailableBody") : null}
          </EmptyState>
        </div>
      </section>
    );
  }

  const presence = store.presence.value;
  const you = store.you.value;
  return (
    <section class="coffee-room" aria-labelledby="coffee-room-title">
      <header class="coffee-room-head">
        <a class="coffee-back" href="/coffee">
          <span aria-hidden="true">←</span> {t("coffee.title")}
        </a>
        <div class="coffee-room-heading">
          <h1 id="coffee-room-title">{title || (store.welcomed.value ? t("coffee.room.untitled") : t("common.loading"))}</h1>
          <LiveStatus status={store.status.value} />
        </div>
        <div class="coffee-room-actions">
          <button
            type="button"
            class="btn btn-secondary coffee-people-toggle"
            aria-expanded={showPeople}
            aria-controls="coffee-people"
            onClick={() => setShowPeople(!showPeople)}
          >
            {t("coffee.room.peopleCount", { count: presence.length })}
          </button>
          <a class="btn btn-secondary" href="/coffee">
            {t("coffee.room.leave")}
          </a>
        </div>
      </header>
      <div class="coffee-room-body">
        <aside id="coffee-people" class={`coffee-people${showPeople ? " is-open" : ""}`} aria-labelledby="coffee-people-title">
          <h2 id="coffee-people-title" class="coffee-people-title">
            {t("coffee.room.peopleCount", { count: presence.length })}
          </h2>
          {store.welcomed.value ? (
            <ul class="coffee-people-list" aria-labelledby="coffee-people-title">
              {presence.map((member) => (
                <li key={member.id}>
                  <MemberChip member={member}>{member.id === you?.id ? <span class="badge badge-accent coffee-you">{t("coffee.room.you")}</span> : null}</MemberChip>
                </li>
              ))}
            </ul>
          ) : (
            <Skeleton lines={2} />
          )}
        </aside>
        <div class="coffee-chat">
          <Stream store={store} />
          <TypingLine store={store} />
          <Composer store={store} />
        </div>
      </div>
    </section>
  );
}

function Stream({ store }: { store: CoffeeRoomStore }) {
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seenCount = useRef(0);
  const [unseen, setUnseen] = useState(0);
  const [picker, setPicker] = useState<string | null>(null);
  const items = store.items.value;
  const reactions = store.reactions.value;
  const you = store.you.value;
  const chats = items.filter((i) => i.kind === "chat").length;

  // New messages keep the reader at the bottom only if that is where they were: reading older ones is never disturbed.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const fresh = chats - seenCount.current;
    if (atBottom.current) {
      list.scrollTop = list.scrollHeight;
      seenCount.current = chats;
      setUnseen(0);
    } else if (fresh > 0) {
      setUnseen(fresh);
    }
  }, [items]);

  // Reactions, the picker, the typing line or the phone's keyboard change sizes: a reader at the bottom stays there.
  const welcomed = store.welcomed.value;
  useEffect(() => {
    const list = listRef.current;
    if (!list || typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    if (list.firstElementChild) observer.observe(list.firstElementChild);
    return () => observer.disconnect();
  }, [welcomed]);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    if (atBottom.current && unseen) {
      seenCount.current = chats;
      setUnseen(0);
    }
  };

  const jumpDown = () => {
    const list = listRef.current;
    if (!list) return;
    list.scrollTop = list.scrollHeight;
    atBottom.current = true;
    seenCount.current = chats;
    setUnseen(0);
  };

  if (!store.welcomed.value) {
    return (
      <div class="coffee-stream coffee-stream-loading">
        <Skeleton lines={4} />
      </div>
    );
  }

  let previous: StreamItem | undefined;
  let previousDay = "";
  const rows = [];
  for (const item of items) {
    // The day's divider comes before the day's first item, whatever its kind (a "joined" line included); the
    // icebreaker has no time of its own and stays where it is.
    const at = item.kind === "chat" ? item.frame.at : item.kind === "icebreaker" ? null : item.at;
    const day = at === null ? previousDay : dayLabel(at);
    // The day's line stays a list item (a separator role would leave the list with a child that is not an item).
    if (day !== previousDay) rows.push(<li key={`d-${item.key}`} class="coffee-day">{day}</li>);
    previousDay = day;
    if (item.kind === "chat") {
      const continued = previous?.kind === "chat" && previous.frame.from.id === item.frame.from.id && item.frame.at - previous.frame.at < GROUP_MS && day === dayLabel(previous.frame.at);
      rows.push(
        <Message
          key={item.key}
          frame={item.frame}
          continued={continued}
          mine={item.frame.from.id === you?.id}
          youId={you?.id}
          reactions={reactions[item.frame.id] ?? {}}
          pickerOpen={picker === item.frame.id}
          onPicker={(open) => setPicker(open ? item.frame.id : null)}
          onReact={(kind) => {
            if (!store.react(item.frame.id, kind)) toast(t("coffee.room.offline"), "error");
            setPicker(null);
          }}
        />,
      );
    } else if (item.kind === "icebreaker") {
      rows.push(
        <li key={item.key} class="coffee-icebreaker coffee-icebreaker-in-room">
          <p class="coffee-icebreaker-title">{t("pairing.icebreaker")}</p>
          <IcebreakerText value={item.data} />
        </li>,
      );
    } else {
      rows.push(
        <li key={item.key} class="coffee-notice">
          {item.kind === "caught-up" ? t("coffee.room.caughtUp") : t(item.kind === "joined" ? "coffee.room.joined" : "coffee.room.left", { name: item.name })}
          <span class="muted"> · {formatClock(item.at, readerTimeZone.value)}</span>
        </li>,
      );
    }
    previous = item;
  }

  return (
    <div class="coffee-stream-wrap">
      <div ref={listRef} class="coffee-stream" role="log" aria-live="polite" aria-label={t("coffee.room.messages")} tabIndex={0} onScroll={onScroll}>
        <ol class="coffee-stream-list">
          {rows}
          {chats === 0 ? <li class="coffee-stream-empty muted">{t("coffee.room.empty")}</li> : null}
        </ol>
      </div>
      {unseen > 0 ? (
        <button type="button" class="btn btn-primary coffee-unseen" onClick={jumpDown}>
          {t("coffee.room.newMessages", { count: unseen })} <span aria-hidden="true">↓</span>
        </button>
      ) : null}
    </div>
  );
}

type MessageProps = {
  frame: ChatFrame;
  continued: boolean;
  mine: boolean;
  youId: string | undefined;
  reactions: Partial<Record<ReactionKind, string[]>>;
  pickerOpen: boolean;
  onPicker: (open: boolean) => void;
  onReact: (kind: ReactionKind) => void;
};

function Message({ frame, continued, mine, youId, reactions, pickerOpen, onPicker, onReact }: MessageProps) {
  const given = REACTION_KINDS.filter((kind) => (reactions[kind]?.length ?? 0) > 0);
  const iReacted = (kind: ReactionKind) => !!youId && !!reactions[kind]?.includes(youId);
  return (
    <li class={`coffee-msg${continued ? " is-continued" : ""}${mine ? " is-mine" : ""}`} onKeyDown={(e) => e.key === "Escape" && onPicker(false)}>
      <div class="coffee-msg-avatar">{continued ? null : <Avatar member={frame.from} size="sm" />}</div>
      <div class="coffee-msg-body">
        {continued ? null : (
          <div class="coffee-msg-meta">
            <span class="coffee-msg-name">{frame.from.name || t("notif.someone")}</span>
            <time class="muted small" dateTime={new Date(frame.at).toISOString()} title={formatDateTime(frame.at)}>
              {formatClock(frame.at, readerTimeZone.value)}
            </time>
          </div>
        )}
        <p class="coffee-msg-text">{frame.text}</p>
        {given.length || pickerOpen ? (
          <div class="coffee-reactions" role="group" aria-label={t("coffee.room.reactions")}>
            {given.map((kind) => {
              const count = reactions[kind]?.length ?? 0;
              return (
                <button
                  key={kind}
                  type="button"
                  class="coffee-reaction"
                  aria-pressed={iReacted(kind)}
                  aria-label={t("coffee.room.reactionCount", { kind: t(REACTION_LABEL[kind]), count })}
                  onClick={() => onReact(kind)}
                >
                  <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
                  <span aria-hidden="true">{count}</span>
                </button>
              );
            })}
            {pickerOpen
              ? REACTION_KINDS.filter((kind) => !given.includes(kind)).map((kind) => (
                  <button key={kind} type="button" class="coffee-reaction" aria-label={t(REACTION_LABEL[kind])} title={t(REACTION_LABEL[kind])} onClick={() => onReact(kind)}>
                    <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
                  </button>
                ))
              : null}
          </div>
        ) : null}
      </div>
      <div class="coffee-msg-tools">
        <button
          type="button"
          class="coffee-reaction coffee-react-toggle"
          aria-expanded={pickerOpen}
          aria-label={t("coffee.room.react")}
          title={t("coffee.room.react")}
          onClick={() => onPicker(!pickerOpen)}
        >
          <span aria-hidden="true">☺+</span>
        </button>
      </div>
    </li>
  );
}

function TypingLine({ store }: { store: CoffeeRoomStore }) {
  const ids = Object.keys(store.typing.value);
  const names = ids.map((id) => store.nameOf(id)).filter((n): n is string => !!n);
  let text = "";
  if (names.length > 3) text = t("coffee.room.typingMany");
  else if (names.length) text = t("coffee.room.typing", { count: names.length, names: new Intl.ListFormat(locale.value, { type: "conjunction" }).format(names) });
  return (
    <p class="coffee-typing muted small" aria-live="polite">
      {text}
    </p>
  );
}

function Composer({ store }: { store: CoffeeRoomStore }) {
  const [draft, setDraft] = useState("");
  const lastTyping = useRef(0);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const live = store.status.value === "live";

  // A message the room refused comes back into the box, unless something new was typed meanwhile.
  const refused = store.refusedDraft.value;
  useEffect(() => {
    if (refused === null) return;
    setDraft((current) => (current.trim() ? current : refused));
    store.refusedDraft.value = null;
  }, [refused]);

  const send = () => {
    const text = draft.trim();
    if (!text || text.length > MAX_CHAT_LENGTH) return;
    if (!store.sendChat(text)) {
      toast(t("coffee.room.notSent"), "error");
      return;
    }
    setDraft("");
    lastTyping.current = 0;
    inputRef.current?.focus();
  };

  const left = MAX_CHAT_LENGTH - draft.length;
  return (
    <form
      class="coffee-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label for="coffee-message" class="visually-hidden">
        {t("coffee.room.message")}
      </label>
      <textarea
        ref={inputRef}
        id="coffee-message"
        rows={1}
        value={draft}
        maxLength={MAX_CHAT_LENGTH}
        placeholder={t("coffee.room.placeholder")}
        aria-describedby={left < 200 ? "coffee-left" : undefined}
        enterkeyhint="send"
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          const now = Date.now();
          if (e.currentTarget.value.trim() && now - lastTyping.current > TYPING_EVERY_MS) {
            lastTyping.current = now;
            store.sendTyping();
          }
        }}
        onKeyDown={(e) => {
          // Enter sends; Shift+Enter starts a new line; an input method still composing keeps its Enter.
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="btn btn-primary" disabled={!live || !draft.trim()}>
        {t("coffee.room.send")}
      </button>
      {left < 200 ? (
        <p id="coffee-left" class="coffee-left muted small" aria-live="polite">
          {t("coffee.room.charsLeft", { count: left })}
        </p>
      ) : null}
    </form>
  );
}
