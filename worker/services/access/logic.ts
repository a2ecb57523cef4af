/** A SQL condition and its bound values, as the rules' SQL twins answer them. */
export type SqlPart = { sql: string; binds: unknown[] };
