import { describe, expect, it } from "vitest";
import { join, raw, sqlPart as sql } from "./sql";

describe("sql", () => {
  it("binds values, inlines parts with their values in order, and keeps raw text as written", () => {
    const visible = sql`(g.visibility = 'open' OR g.owner = ${"usr_1"})`;
    const q = sql`SELECT ${raw("p.id, p.title")} FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.kind = ${"idea"} AND ${visible} LIMIT ${21}`;
    expect(q).toEqual({
      sql: "SELECT p.id, p.title FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.kind = ? AND (g.visibility = 'open' OR g.owner = ?) LIMIT ?",
      binds: ["idea", "usr_1", 21],
    });
  });

  it("never turns a string value into SQL text", () => {
    expect(sql`WHERE name = ${"x' OR 1=1 --"}`).toEqual({ sql: "WHERE name = ?", binds: ["x' OR 1=1 --"] });
  });

  it("joins parts with a separator, their values in order", () => {
    expect(join([sql`a = ${1}`, raw("b IS NULL"), sql`c = ${3}`], " AND ")).toEqual({ sql: "a = ? AND b IS NULL AND c = ?", binds: [1, 3] });
    expect(join([], " AND ")).toEqual({ sql: "", binds: [] });
  });
});
