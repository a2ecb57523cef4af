import { sql, type Column, type SQL } from "drizzle-orm";

/**
 * `column IN (values)` with the values as ONE bound parameter, a JSON array read by `json_each`: D1 binds at most 100
 * parameters a statement, and lists of members pass that (a fan-out's chunk of 500, a SCIM group's 1,000, a group's 100
 * support members beside the query's other conditions). SQLite still searches the column's index for each value.
 */
export function inList(column: Column, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
