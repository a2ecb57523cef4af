import { describe, expect, it } from "vitest";
import { api, createMember, ORIGIN, tableCounts, workerFetch, type TestMember } from "../test/factories";
import { PNG } from "../test/images";

/**
 * A cancelled upload (issue 14: Cancel on every upload) reaches the Worker as a body that stops half-way: the stream
 * errors before its end. Each upload route reads the whole body before it writes anything, so nothing is kept: no
 * row, no object in R2, and the member's photo or the group's cover is as it was.
 */

/** A body that sends `head`, then fails as a dropped connection does. */
function brokenBody(head: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(head);
      } else controller.error(new Error("connection lost"));
    },
  });
}

/** Sends a broken body; whatever the Worker answers (or if the request itself fails), nothing must have been written. */
async function sendBroken(member: TestMember, method: string, path: string, type: string): Promise<number | "failed"> {
  const head = new Uint8Array(64 * 1024);
  head.set(PNG);
  try {
    const res = await workerFetch(`${ORIGIN}${path}`, {
      method,
      headers: { Origin: ORIGIN, Cookie: member.cookie, "Content-Type": type, "Content-Length": String(1_000_000) },
      body: brokenBody(head),
      // @ts-expect-error: Workers' RequestInit takes `duplex` for a streamed body, as browsers do.
      duplex: "half",
    });
    return res.status;
  } catch {
    return "failed";
  }
}

describe("an upload cut off half-way keeps nothing", () => {
  it("a file (POST /uploads), a photo (PUT /me/avatar), a group's cover (PUT /groups/:id/cover)", async () => {
    const member = await createMember();
    const created = await api("/api/v1/groups", { as: member, body: { name: `Cut uploads ${Date.now()}`, description: "", visibility: "open", kind: "community" } });
    expect(created.status, created.text).toBe(201);
    const group = created.json.id as string;
    const before = await tableCounts();

    const answers = [
      await sendBroken(member, "POST", "/api/v1/uploads?filename=cut.png", "image/png"),
      await sendBroken(member, "PUT", "/api/v1/me/avatar", "image/png"),
      await sendBroken(member, "PUT", `/api/v1/groups/${group}/cover`, "image/png"),
    ];
    // Never a success, never an internal error: the request may fail outright or be answered 400.
    for (const answer of answers) expect(answer === "failed" || answer === 400, `answered ${answer}`).toBe(true);

    expect(await tableCounts()).toEqual(before);
    const me = await api("/api/v1/me", { as: member });
    expect(me.json.user.avatarUrl).toBeNull();
    const shown = await api(`/api/v1/groups/${group}`, { as: member });
    expect(shown.json.coverUrl).toBeNull();
  });
});
