import { describe, expect, it } from "vitest";
import { api, createMember } from "../worker/test/factories";
import { openSocket } from "./test-socket";

/** The rooms read client frames with the contract's schemas: a chat's text goes through the one text normalisation. */
describe("text in a coffee room's chat", () => {
  it("refuses a chat of only a zero-width space with bad_frame and keeps nothing; stores the others normalised", async () => {
    const ana = await createMember();
    const room = await api("/api/v1/coffee/rooms", { as: ana, body: { title: "Invisible ink" } });
    expect(room.status).toBe(201);
    const path = `/parties/coffee-room/${room.json.id}`;
    const a = await openSocket(path, ana.cookie);
    await a.next("welcome");

    a.ws!.send(JSON.stringify({ type: "chat", text: "\u200B" }));
    expect(await a.next("error")).toMatchObject({ type: "error", code: "bad_frame" });
    a.ws!.send(JSON.stringify({ type: "chat", text: "\u202E\u2066" }));
    expect(await a.next("error")).toMatchObject({ type: "error", code: "bad_frame" });
    a.ws!.send(JSON.stringify({ type: "chat", text: "half \uD800 a character" }));
    expect(await a.next("error")).toMatchObject({ type: "error", code: "bad_frame" });

    a.ws!.send(JSON.stringify({ type: "chat", text: "\u200BHel\u0000lo\nthere\u200B " }));
    expect(await a.next("chat")).toMatchObject({ text: "Hello\nthere" });
    a.ws!.close();

    const later = await openSocket(path, ana.cookie);
    expect((await later.next("welcome")).backlog.map((f: { text: string }) => f.text)).toEqual(["Hello\nthere"]);
    later.ws!.close();
  });
});
