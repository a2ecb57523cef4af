import { batch, signal } from "@preact/signals";
import { api, ApiError } from "../../api";
import type { MemberSummary, OfficeHour } from "../../api-types";
import { openFramedSocket, type FramedSocket, type SocketStatus } from "../coffee/coffee-socket";
import { readOfficeHourFrame, type AnswerFrame, type OfficeHourClientMessage, type OfficeHourFrame, type OfficeHourServerMessage, type QuestionFrame } from "./frames";

/** A question asked in the room, with the expert's replies to it (each became its accepted answer, the last one wins). */
export type RoomQuestion = QuestionFrame & { answers: AnswerFrame[] };

/** What the live region says, once per frame seen live (never for the backlog a (re)connection replays). */
export type Announcement = { key: number; kind: "question" | "answer"; name: string; text: string };

/** Why the room could not be entered: it ended (or was cancelled), the reader may not see it, or it is out of reach. */
export type Refusal = "ended" | "missing" | "unavailable";

/** Attempts before any welcome after which the room is said to be out of reach (a refusal looks like a network error). */
const ATTEMPTS_BEFORE_GIVING_UP = 4;

let announcementCounter = 0;

/**
 * One office hour's room, live: its questions in order with the expert's answers under them, and who is here. History
 * frames are deduplicated by `seq` and a reconnect resumes from the last one seen; a `reload` frame (the gap is too
 * old) replaces the questions with the room's backlog. The `closed` frame ends it for good: the socket is closed and
 * not reopened.
 */
export class OfficeHourRoomStore {
  readonly status = signal<SocketStatus>("connecting");
  readonly refusal = signal<Refusal | null>(null);
  readonly welcomed = signal(false);
  /** The room said `closed` (its end came, or it was cancelled). */
  readonly closed = signal(false);
  readonly you = signal<MemberSummary | null>(null);
  readonly expertId = signal<string | null>(null);
  readonly presence = signal<MemberSummary[]>([]);
  readonly questions = signal<RoomQuestion[]>([]);
  readonly announcement = signal<Announcement | null>(null);
  /** The last error frame, for the screen to show; `at` makes two equal errors distinct. */
  readonly error = signal<{ code: OfficeHourFrame<"error">["code"]; at: number } | null>(null);
  /** A text the room refused (an error frame after it), handed back to the box it came from so it is not lost. */
  readonly refused = signal<{ questionId: string | null; text: string; at: number } | null>(null);

  private socket: FramedSocket<OfficeHourClientMessage> | null = null;
  private lastSeq: number | null = null;
  private resetOnWelcome = false;
  private pending: { questionId: string | null; text: string } | null = null;
  /** Answers whose question this client has not seen (a backlog cut short): kept until it shows. */
  private orphans: AnswerFrame[] = [];

  constructor(readonly officeHourId: string) {}

  get isExpert(): boolean {
    const you = this.you.value;
    return you !== null && you.id === this.expertId.value;
  }

  connect() {
    if (this.socket || this.closed.value) return;
    this.socket = openFramedSocket<OfficeHourServerMessage, OfficeHourClientMessage>({
      party: "office-hours",
      room: this.officeHourId,
      read: readOfficeHourFrame,
      cursor: () => this.lastSeq,
      onStatus: (status) => {
        this.status.value = status;
      },
      onFailure: (failures, everWelcomed) => {
        // A room refuses after its end: a dropped connection near the end, or a first one refused, asks the API why.
        if (failures === 1 || everWelcomed) void this.askWhy();
        if (!everWelcomed && failures >= ATTEMPTS_BEFORE_GIVING_UP && !this.refusal.value) this.giveUp("unavailable");
      },
      onFrame: (frame) => this.onFrame(frame),
    });
  }

  private async askWhy() {
    try {
      const view = await api<OfficeHour>(`/office-hours/${encodeURIComponent(this.officeHourId)}`);
      if (view.state === "ended") this.end();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this.giveUp("missing");
    }
  }

  private giveUp(refusal: Refusal) {
    this.refusal.value = refusal;
    this.socket?.close();
  }

  /** The session is over: the socket closes for good. */
  end() {
    batch(() => {
      this.closed.value = true;
      this.refusal.value = null;
    });
    this.socket?.close();
  }

  retry() {
    this.refusal.value = null;
    if (this.socket) this.socket.retry();
    else this.connect();
  }

  dispose() {
    this.socket?.close();
    this.socket = null;
  }

  /** Asks a question; false when not connected (the box keeps the text). */
  ask(text: string): boolean {
    const sent = this.socket?.send({ type: "ask", text }) ?? false;
    if (sent) this.pending = { questionId: null, text };
    return sent;
  }

  /** The expert's reply to a question; false when not connected. */
  reply(questionId: string, text: string): boolean {
    const sent = this.socket?.send({ type: "reply", questionId, text }) ?? false;
    if (sent) this.pending = { questionId, text };
    return sent;
  }

  private onFrame(frame: OfficeHourServerMessage) {
    switch (frame.type) {
      case "welcome":
        return this.onWelcome(frame);
      case "question":
      case "answer":
        return this.onHistory(frame, true);
      case "join":
        this.presence.value = [...this.presence.value.filter((m) => m.id !== frame.member.id), frame.member];
        return;
      case "leave":
        this.presence.value = this.presence.value.filter((m) => m.id !== frame.userId);
        return;
      case "closed":
        return this.end();
      case "error":
        return this.onError(frame.code);
      case "reload":
        this.resetOnWelcome = true;
        return;
      default:
        return;
    }
  }

  private onWelcome(frame: OfficeHourFrame<"welcome">) {
    // A cursor that went backwards means the room started afresh: what we hold no longer matches its seq.
    const reset = this.resetOnWelcome || (this.lastSeq !== null && frame.cursor < this.lastSeq);
    this.resetOnWelcome = false;
    batch(() => {
      this.you.value = frame.you;
      this.expertId.value = frame.expertId;
      this.presence.value = frame.presence;
      if (reset) {
        this.lastSeq = null;
        this.questions.value = [];
        this.orphans = [];
      }
      for (const history of frame.backlog) this.onHistory(history, false);
      this.lastSeq = this.lastSeq === null ? frame.cursor : Math.max(this.lastSeq, frame.cursor);
      this.welcomed.value = true;
      this.refusal.value = null;
    });
  }

  private onHistory(frame: QuestionFrame | AnswerFrame, live: boolean) {
    if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
    this.lastSeq = frame.seq;
    const mine = frame.from.id === this.you.value?.id;
    if (mine && this.pending && frame.text === this.pending.text) this.pending = null;
    if (frame.type === "question") {
      if (this.questions.value.some((q) => q.id === frame.id)) return;
      const answers = this.orphans.filter((a) => a.questionId === frame.id);
      this.orphans = this.orphans.filter((a) => a.questionId !== frame.id);
      this.questions.value = [...this.questions.value, { ...frame, answers }];
    } else {
      const index = this.questions.value.findIndex((q) => q.id === frame.questionId);
      if (index < 0) {
        this.orphans.push(frame);
      } else {
        const next = [...this.questions.value];
        next[index] = { ...next[index], answers: [...next[index].answers, frame] };
        this.questions.value = next;
      }
    }
    if (live && !mine) this.announcement.value = { key: ++announcementCounter, kind: frame.type, name: frame.from.name, text: frame.text };
  }

  private onError(code: OfficeHourFrame<"error">["code"]) {
    batch(() => {
      this.error.value = { code, at: Date.now() };
      // The room answers a refused frame with an error and no echo: hand the text back.
      if (this.pending) {
        this.refused.value = { ...this.pending, at: Date.now() };
        this.pending = null;
      }
    });
  }
}
