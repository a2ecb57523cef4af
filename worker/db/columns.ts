import { integer } from "drizzle-orm/sqlite-core";

/** Times are integer milliseconds, UTC; the client renders them in the reader's time zone. */
export const timestamps = {
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
};
