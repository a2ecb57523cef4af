import { describe, expect, it } from "vitest";
import { api, createMember, expectError } from "../../test/factories";

/** Found by the contract fuzz: a NUL in search text ended FTS5's string literal, and the search answered 500. */
describe("search text with control characters", () => {
  it.each([
    "/api/v1/users?q=%00",
    "/api/v1/users?q=sweep&skill=%00",
    "/api/v1/users?department=%00%01",
    "/api/v1/search?q=a%00b%1F",
    "/api/v1/groups?q=%00",
  ])("%s answers 200", async (path) => {
    const member = await createMember();
    const res = await api(path, { as: member });
    expect(res.status, res.text).toBe(200);
  });

  it("answers 400 to a search for only a NUL: the required query is empty once normalised", async () => {
    const member = await createMember();
    const error = await expectError(await api("/api/v1/search?q=%00", { as: member }), 400, "validation_failed");
    expect(error.details).toEqual([{ path: "q", message: expect.any(String) }]);
  });
});
