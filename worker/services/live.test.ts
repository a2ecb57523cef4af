import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { describe, expect, it } from "vitest";
import { EVENT_CATALOGUE, EVENTS, type EventData, type EventOf } from "../../contract/events";
import { ROOMS, type RoomKind } from "../../contract/rooms";
import type { GroupRoom } from "../../party/group-room";
import { openSocket } from "../../party/test-socket";
import { api, createMember, testContext } from "../test/factories";
import { openCoffeeRoom } from "./coffee/rooms";
import { createGroup, joinGroup } from "./groups/groups";
import { announceNewPost } from "./notifications/fanout";
import { createComment } from "./posts/comments";
import { createPost } from "./posts/posts";
import { setReaction } from "./posts/reactions";
import { openPairRoom, publishToGroup, publishToMembers, tellLobby } from "./live";

// The rooms are set going through the services (which push through live.ts), not the HTTP routes: what is checked
// here is what the rooms send.

type Socket = Awaited<ReturnType<typeof openSocket>>;

/** What a room's sockets received: every frame parsed with the room's server union, and the event names among them. */
function heard(kind: RoomKind, sockets: Socket[]) {
  const frames = sockets.flatMap((s) => s.seen);
  const events = frames.flatMap((f) => (f.type === "event" ? [f] : f.type === "welcome" ? f.backlog.filter((b: any) => b.type === "event") : []));
  for (const f of frames) expect(ROOMS[kind].server.safeParse(f).success, `${kind}: ${JSON.stringify(f)}`).toBe(true);
  return { invalid: sockets.flatMap((s) => s.invalid), types: new Set(frames.map((f) => f.type)), names: new Set(events.map((e) => e.name)) };
}

describe("the event catalogue", () => {
  it("lists every event with its version, a description and a strict payload schema", () => {
    // Written by hand: a change here is a change of the webhook catalogue integrators depend on.
    expect(EVENT_CATALOGUE.map((e) => [e.name, e.version])).toEqual([
      ["post.created", 1],
      ["comment.created", 1],
      ["reaction.changed", 1],
      ["member.joined", 1],
      ["member.left", 1],
      ["group.created", 1],
      ["group.updated", 1],
      ["webhook.test", 1],
      ["idea.created", 1],
      ["idea.supported", 1],
      ["idea.status_changed", 1],
      ["campaign.opened", 1],
      ["campaign.closed", 1],
      ["question.created", 1],
      ["question.answered", 1],
      ["question.accepted", 1],
      ["question.overdue", 1],
      ["notification.created", 1],
      ["feed.new", 1],
      ["room.opened", 1],
      ["room.joined", 1],
      ["room.left", 1],
      ["room.closed", 1],
      ["pairing.icebreaker", 1],
    ]);
    for (const e of EVENT_CATALOGUE) {
      expect(e.description.length, e.name).toBeGreaterThan(20);
      expect(e.schema).toBe(EVENTS[e.name].schema);
      expect(e.schema.safeParse({}).success, `${e.name} takes an empty payload`).toBe(false);
    }
    expect(EVENTS["feed.new"].schema.safeParse({ postId: "pst_1", groupId: "grp_1" }).success).toBe(true);
    expect(EVENTS["feed.new"].schema.safeParse({ postId: "pst_1", groupId: "grp_1", title: "content" }).success, "strict: no content slips in").toBe(false);
    expect(EVENTS["notification.created"].schema.safeParse({ id: "ntf_1", kind: "poke" }).success, "a closed list of kinds").toBe(false);
  });

  it("gives each event to exactly one kind of room, or to webhooks only", () => {
    expect(Object.fromEntries(Object.entries(ROOMS).map(([kind, room]) => [kind, [...room.events]]))).toEqual({
      "user-room": ["notification.created", "feed.new"],
      "group-room": ["post.created", "comment.created", "reaction.changed"],
      "coffee-room": ["pairing.icebreaker"],
      "coffee-lobby": ["room.opened", "room.joined", "room.left", "room.closed"],
      "campaign-room": ["idea.supported"],
      "office-hours": [],
    });
    const carried = Object.values(ROOMS).flatMap((room) => [...room.events]);
    const webhookOnly = ["member.joined", "member.left", "group.created", "group.updated", "webhook.test", "idea.created", "idea.status_changed", "campaign.opened", "campaign.closed", "question.created", "question.answered", "question.accepted", "question.overdue"];
    expect([...carried, ...webhookOnly].sort()).toEqual(EVENT_CATALOGUE.map((e) => e.name).sort());
  });

  it("does not compile an unknown event name, an event of another room, or a payload that is not the event's", () => {
    const ctx = testContext();
    // Never called: these lines are tsc's to check (`npx tsc --noEmit -p tsconfig.json` type-checks the tests).
    const typeChecks = (room: GroupRoom) => {
      // @ts-expect-error an event the catalogue does not have
      void publishToGroup(ctx, "grp_x", "post.deleted", { postId: "pst_x" });
      // @ts-expect-error post.created without its `kind`
      void publishToGroup(ctx, "grp_x", "post.created", { postId: "pst_x", groupId: "grp_x", authorId: "usr_x" });
      // @ts-expect-error content where the event carries ids only
      void publishToGroup(ctx, "grp_x", "comment.created", { postId: "pst_x", commentId: "cmt_x", parentId: null, authorId: "usr_x", body: "hi" });
      // @ts-expect-error a user-room event sent to a group room
      void publishToGroup(ctx, "grp_x", "feed.new", { postId: "pst_x", groupId: "grp_x" });
      // @ts-expect-error a notification kind outside the closed list
      void publishToMembers(ctx, ["usr_x"], "notification.created", () => ({ id: "ntf_x", kind: "poke" }));
      // @ts-expect-error the lobby hears of rooms opened from services, nothing else
      void tellLobby(ctx, "room.closed", { roomId: "cof_x" });
      // @ts-expect-error an icebreaker of the wrong shape
      void openPairRoom(ctx, "cof_x", "pairing.icebreaker", { sharedHobbies: "chess", hotTopics: [] });
      // @ts-expect-error the room's own method is typed the same way
      void room.publish("comment.created", { postId: "pst_x" });
      // The right ones compile.
      void publishToGroup(ctx, "grp_x", "reaction.changed", { targetType: "post", targetId: "pst_x", postId: "pst_x", userId: "usr_x", kind: "like", on: true });
      void room.publish("post.created", { postId: "pst_x", groupId: "grp_x", authorId: "usr_x", kind: "idea" });
      const event: EventOf<"feed.new" | "room.closed"> = { name: "room.closed", data: { roomId: "cof_x" } };
      // @ts-expect-error name and data go together
      const crossed: EventOf<"feed.new" | "room.closed"> = { name: "feed.new", data: { roomId: "cof_x" } };
      const data: EventData<"room.left"> = { roomId: "cof_x", userId: "usr_x" };
      return [event, crossed, data];
    };
    expect(typeof typeChecks).toBe("function");
  });
});

describe("every frame the rooms send parses with its room's server union", () => {
  it("group room and user rooms: posts, comments, reactions, typing, presence, notifications, the feed", async () => {
    const ctx = testContext();
    const owner = await createMember({ name: "Olga Live" });
    const ana = await createMember({ name: "Ana Live" });
    const group = await createGroup(ctx, owner.actor, { name: `Live ${Math.random()}`, description: "", visibility: "open", kind: "community" });
    await joinGroup(ctx, ana.actor, group.id);

    const o = await openSocket(`/parties/group-room/${group.id}`, owner.cookie);
    await o.next("welcome");
    const a = await openSocket(`/parties/group-room/${group.id}`, ana.cookie);
    await a.next("welcome");
    expect(await o.next("join")).toMatchObject({ member: { id: ana.id } });
    const ownerTabs = await openSocket(`/parties/user-room/${owner.id}`, owner.cookie);
    await ownerTabs.next("welcome");

    const post = await createPost(ctx, ana.actor, group.id, { body: `Hello @${owner.handle}` });
    expect(await o.next("event")).toEqual({ type: "event", seq: 1, name: "post.created", data: { postId: post.id, groupId: group.id, authorId: ana.id, kind: "discussion" } });
    expect(await ownerTabs.next("event")).toMatchObject({ name: "notification.created", data: { kind: "mention" } });
    await announceNewPost(ctx, post.id);
    expect(await ownerTabs.next("event")).toEqual({ type: "event", seq: 2, name: "feed.new", data: { postId: post.id, groupId: group.id } });

    const comment = await createComment(ctx, owner.actor, post.id, { body: "Thanks" });
    expect(await a.next("event")).toMatchObject({ name: "post.created" });
    const commented = { type: "event", seq: 2, name: "comment.created", data: { postId: post.id, commentId: comment.id, parentId: null, authorId: owner.id } };
    expect(await a.next("event")).toEqual(commented);
    expect(await o.next("event")).toEqual(commented);
    await setReaction(ctx, owner.actor, { type: "post", id: post.id }, "thanks", true);
    await setReaction(ctx, ana.actor, { type: "comment", id: comment.id }, "like", true);
    await setReaction(ctx, ana.actor, { type: "comment", id: comment.id }, "like", false);
    for (const on of [true, true, false]) expect(await o.next("event")).toMatchObject({ name: "reaction.changed", data: { on } });

    a.ws!.send(JSON.stringify({ type: "typing", postId: post.id }));
    expect(await o.next("typing")).toEqual({ type: "typing", userId: ana.id, postId: post.id });
    a.ws!.send(JSON.stringify({ type: "chat", text: "group rooms take typing only" }));
    expect(await a.next("error")).toMatchObject({ code: "bad_frame" });
    ownerTabs.ws!.send(JSON.stringify({ type: "typing" }));
    expect(await ownerTabs.next("error")).toMatchObject({ code: "bad_frame" });
    a.ws!.close();
    expect(await o.next("leave")).toEqual({ type: "leave", userId: ana.id });

    // A tab coming back gets the events it missed in its welcome's backlog.
    const back = await openSocket(`/parties/user-room/${owner.id}?cursor=0`, owner.cookie);
    // (The queue's own post-fanout may announce the post a second time, after the call above: the names, once each.)
    expect([...new Set((await back.next("welcome")).backlog.map((f: any) => f.name))]).toEqual(["notification.created", "feed.new"]);

    const groupRoom = heard("group-room", [o, a]);
    expect(groupRoom.invalid).toEqual([]);
    expect([...groupRoom.names].sort()).toEqual([...ROOMS["group-room"].events].sort());
    expect([...groupRoom.types].sort()).toEqual(["error", "event", "join", "leave", "typing", "welcome"]);
    const userRoom = heard("user-room", [ownerTabs, back]);
    expect(userRoom.invalid).toEqual([]);
    expect([...userRoom.names].sort()).toEqual([...ROOMS["user-room"].events].sort());
    for (const s of [o, ownerTabs, back]) s.ws!.close();
  });

  it("coffee rooms, a pair room and the lobby: chat, reactions, presence, the icebreaker, rooms opening and closing", async () => {
    const ctx = testContext();
    const ana = await createMember({ name: "Ana Coffee Live" });
    const ben = await createMember({ name: "Ben Coffee Live" });
    const lobby = await openSocket("/parties/coffee-lobby/main", ana.cookie);
    await lobby.next("welcome");

    const room = await openCoffeeRoom(ctx, ana.actor, "Frames");
    const path = `/parties/coffee-room/${room.id}`;
    const a = await openSocket(path, ana.cookie);
    expect(await a.next("welcome")).toMatchObject({ title: "Frames", backlog: [] });
    const b = await openSocket(path, ben.cookie);
    await b.next("welcome");
    expect(await a.next("join")).toMatchObject({ member: { id: ben.id } });
    a.ws!.send(JSON.stringify({ type: "chat", text: "Bonjour" }));
    const chat = await b.next("chat");
    b.ws!.send(JSON.stringify({ type: "react", messageId: chat.id, kind: "celebrate" }));
    expect(await a.next("react")).toMatchObject({ messageId: chat.id, kind: "celebrate", userId: ben.id });
    b.ws!.send(JSON.stringify({ type: "typing" }));
    expect(await a.next("typing")).toEqual({ type: "typing", userId: ben.id });
    b.ws!.send(JSON.stringify({ type: "typing", postId: "pst_x" })); // a group room's frame
    expect(await b.next("error")).toMatchObject({ code: "bad_frame" });
    lobby.ws!.send(JSON.stringify({ type: "chat", text: "hello lobby" }));
    expect(await lobby.next("error")).toMatchObject({ code: "bad_frame" });
    b.ws!.close();
    expect(await a.next("leave")).toEqual({ type: "leave", userId: ben.id });

    // Aged out of the room's log: a cursor before it is told to reload.
    const stub = env.CoffeeRoom.get(env.CoffeeRoom.idFromName(room.id));
    await runInDurableObject(stub, (_room, state) => {
      state.storage.sql.exec("UPDATE history SET at = at - 25 * 3600 * 1000 WHERE seq = ?", chat.seq);
    });
    const late = await openSocket(`${path}?cursor=0`, ben.cookie);
    expect(await late.next("reload")).toEqual({ type: "reload" });
    await late.next("welcome");
    late.ws!.close();
    a.ws!.close();

    // The lobby heard of the room, of each arrival and of each departure; empty for 30 minutes, it drops the room at its alarm.
    const lobbyNames: string[] = [];
    const untilLobbyHears = async (last: string, times: number) => {
      while (lobbyNames.filter((n) => n === last).length < times) {
        const e = await lobby.next("event");
        if (e.data.id === room.id || e.data.roomId === room.id) lobbyNames.push(e.name);
      }
    };
    await untilLobbyHears("room.left", 3);
    const lobbyStub = env.CoffeeLobby.get(env.CoffeeLobby.idFromName("main"));
    await runInDurableObject(lobbyStub, (_lobby, state) => {
      state.storage.sql.exec("UPDATE rooms SET emptied_at = ? WHERE id = ?", Date.now() - 31 * 60 * 1000, room.id);
    });
    expect(await runDurableObjectAlarm(lobbyStub)).toBe(true);
    await untilLobbyHears("room.closed", 1);
    expect(lobbyNames[0]).toBe("room.opened");
    expect(lobbyNames.at(-1)).toBe("room.closed");
    expect(lobbyNames.filter((n) => n === "room.joined")).toHaveLength(3); // Ana, Ben, Ben again

    // A pair room opens with its icebreaker, which its members find in their welcome.
    const now = Date.now();
    const pairId = `cof_livepair${now}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO coffee_rooms (id, title, kind, pairing_id, created_at) VALUES (?, 'Ana and Ben', 'pair', ?, ?)").bind(pairId, `pai_live${now}`, now),
      env.DB.prepare("INSERT INTO coffee_pairing_members (pairing_id, user_id, week) VALUES (?, ?, 0), (?, ?, 0)").bind(`pai_live${now}`, ana.id, `pai_live${now}`, ben.id),
    ]);
    const icebreaker = { sharedHobbies: ["Jazz"], hotTopics: [{ userId: ana.id, name: "Ana Coffee Live", topics: ["Frames"] }] };
    await openPairRoom(ctx, pairId, "pairing.icebreaker", icebreaker);
    const pair = await openSocket(`/parties/coffee-room/${pairId}`, ben.cookie);
    expect((await pair.next("welcome")).backlog).toEqual([{ type: "event", seq: 1, name: "pairing.icebreaker", data: icebreaker }]);
    pair.ws!.close();

    const coffee = heard("coffee-room", [a, b, late, pair]);
    expect(coffee.invalid).toEqual([]);
    expect([...coffee.names]).toEqual([...ROOMS["coffee-room"].events]);
    expect([...coffee.types].sort()).toEqual(["chat", "error", "join", "leave", "react", "reload", "typing", "welcome"]);
    const lobbyHeard = heard("coffee-lobby", [lobby]);
    expect(lobbyHeard.invalid).toEqual([]);
    expect([...lobbyHeard.names].sort()).toEqual([...ROOMS["coffee-lobby"].events].sort());
    lobby.ws!.close();
  });
});

describe("pushes that fail", () => {
  it("still answers 201 with the coffee room when the lobby refuses to hear of it", async () => {
    const ana = await createMember();
    const title = `The lobby is down ${Math.random()}`;
    // A real failure of the real lobby: its own storage refuses this room (the trigger is dropped afterwards).
    const lobby = await getServerByName(env.CoffeeLobby, "main");
    await lobby.snapshot();
    const stub = env.CoffeeLobby.get(env.CoffeeLobby.idFromName("main"));
    await runInDurableObject(stub, (_lobby, state) => {
      state.storage.sql.exec(`CREATE TRIGGER refuse_room BEFORE INSERT ON rooms WHEN NEW.title = '${title}' BEGIN SELECT RAISE(ABORT, 'the lobby refuses this room'); END`);
    });
    try {
      const res = await api("/api/v1/coffee/rooms", { as: ana, body: { title } });
      const body = res.json as { id: string; title: string };
      expect(res.status, res.text).toBe(201);
      expect(body).toEqual({ id: expect.stringMatching(/^cof_/), title });
      const row = await env.DB.prepare("SELECT title, kind FROM coffee_rooms WHERE id = ?").bind(body.id).first();
      expect(row).toEqual({ title, kind: "open" });
      expect((await lobby.snapshot()).some((r) => r.id === body.id)).toBe(false);
    } finally {
      await runInDurableObject(stub, (_lobby, state) => {
        state.storage.sql.exec("DROP TRIGGER IF EXISTS refuse_room");
      });
    }
  });
});
