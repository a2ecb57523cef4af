import { describe, expect, it } from "vitest";
import { api, createMember } from "../../test/factories";

/** Every privileged write leaves one audit row, in its group's log when it has a group, and in the network's. */
describe("the audit log", () => {
  it("shows a moderator's deletion of a comment, a pin and a hide in the group's log and the network's", async () => {
    const owner = await createMember();
    const author = await createMember();
    const admin = await createMember({ role: "admin" });
    const group = await api("/api/v1/groups", { as: owner, body: { name: "Audited group", visibility: "open", kind: "community" } });
    expect(group.status).toBe(201);
    const gid = group.json.id as string;
    expect((await api(`/api/v1/groups/${gid}/members`, { as: owner, body: { userId: author.id } })).status).toBe(201);
    const post = await api(`/api/v1/groups/${gid}/posts`, { as: author, body: { body: "A post to moderate" } });
    const comment = await api(`/api/v1/posts/${post.json.id}/comments`, { as: author, body: { body: "A comment to delete" } });
    expect(comment.status).toBe(201);

    expect((await api(`/api/v1/comments/${comment.json.id}`, { as: owner, method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/posts/${post.json.id}/pin`, { as: owner, method: "PUT" })).status).toBe(204);
    expect((await api(`/api/v1/posts/${post.json.id}/hide`, { as: owner, method: "POST" })).status).toBe(204);

    const groupLog = await api(`/api/v1/groups/${gid}/audit`, { as: owner });
    expect(groupLog.status).toBe(200);
    // Rows of one millisecond may come in either order: compare them sorted.
    const rows = groupLog.json.items.map((e: any) => [e.action, e.target.type, e.target.id, e.actor.id, e.groupId]).sort();
    expect(rows).toEqual([
      ["comment.delete", "comment", comment.json.id, owner.id, gid],
      // Adding a member is an animator's privileged write too (issue 12: a complete audit).
      ["group.member_add", "user", author.id, owner.id, gid],
      ["post.hide", "post", post.json.id, owner.id, gid],
      ["post.pin", "post", post.json.id, owner.id, gid],
    ]);
    expect(groupLog.json.items.find((e: any) => e.action === "comment.delete").before).toEqual({ body: "A comment to delete" });

    const network = await api("/api/v1/moderation/audit?limit=100", { as: admin });
    const actions = network.json.items.filter((e: any) => e.groupId === gid).map((e: any) => e.action).sort();
    expect(actions).toEqual(["comment.delete", "group.member_add", "post.hide", "post.pin"]);
  });

  it("records an administrator deactivating and reactivating a member, and publishing a charter, in the network's log", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    expect((await api(`/api/v1/admin/users/${member.id}/deactivate`, { as: admin, method: "POST" })).status).toBe(204);
    expect((await api(`/api/v1/admin/users/${member.id}/reactivate`, { as: admin, method: "POST" })).status).toBe(204);
    const published = await api("/api/v1/admin/charter", { as: admin, body: { body: "# Charter\n\nAudited." } });
    expect(published.status).toBe(201);
    const network = await api("/api/v1/moderation/audit?limit=100", { as: admin });
    const mine = network.json.items.filter((e: any) => e.actor.id === admin.id).map((e: any) => [e.action, e.target.type, e.target.id, e.groupId]).sort();
    expect(mine).toEqual([
      ["charter.publish", "charter", String(published.json.version), null],
      ["member.deactivate", "user", member.id, null],
      ["member.reactivate", "user", member.id, null],
    ]);
  });
});
