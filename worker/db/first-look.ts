import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * First look (issue 14, item 4): the wider audience of an announcement, who read it from its time (`posts.first_look_at`,
 * copied here as `at` so that the feed walks one index per audience, newest first). `audience` is a group's id, or
 * `network` for every member of the network who is not a guest. The home group's readers read the post from the start.
 */
export const postAudiences = sqliteTable(
  "post_audiences",
  {
    postId: text("post_id").notNull(),
    audience: text("audience").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.audience] }), index("post_audiences_audience_time").on(t.audience, t.at, t.postId)],
);
