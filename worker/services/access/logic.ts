/**
 * A rule written once, as data, and read two ways: evaluated in TypeScript over facts, or compiled to a SQL condition
 * for lists and searches (applied inside the query, before ranking and LIMIT). The two forms cannot drift apart: both
 * come from the same tree. A fact is named; in SQL it is either known before the query (the caller's role: folded
 * into the condition, which then simplifies) or an expression over the row with its bound values.
 */
import type { SqlPart } from "../../lib/sql";

export type { SqlPart };

export type Rule<F extends string> =
  | { op: "fact"; name: F }
  | { op: "const"; value: boolean }
  | { op: "not"; arg: Rule<F> }
  | { op: "and" | "or"; args: Rule<F>[] };

export const fact = <F extends string>(name: F): Rule<F> => ({ op: "fact", name });
export const not = <F extends string>(arg: Rule<F>): Rule<F> => ({ op: "not", arg });
export const and = <F extends string>(...args: Rule<F>[]): Rule<F> => ({ op: "and", args });
export const or = <F extends string>(...args: Rule<F>[]): Rule<F> => ({ op: "or", args });

/** The rule over facts that are all known. */
export function evaluate<F extends string>(rule: Rule<F>, facts: Record<F, boolean>): boolean {
  switch (rule.op) {
    case "fact":
      return facts[rule.name];
    case "const":
      return rule.value;
    case "not":
      return !evaluate(rule.arg, facts);
    case "and":
      return rule.args.every((a) => evaluate(a, facts));
    case "or":
      return rule.args.some((a) => evaluate(a, facts));
  }
}

/**
 * The rule where some facts cost a query: each such fact is a function, called at most once and only when the
 * answer depends on it (left to right, short-circuiting).
 */
export async function evaluateLazily<F extends string>(rule: Rule<F>, facts: Record<F, boolean | (() => Promise<boolean>)>): Promise<boolean> {
  const known = new Map<F, Promise<boolean>>();
  const get = (name: F): Promise<boolean> => {
    let v = known.get(name);
    if (!v) {
      const f = facts[name];
      v = typeof f === "boolean" ? Promise.resolve(f) : f();
      known.set(name, v);
    }
    return v;
  };
  const run = async (r: Rule<F>): Promise<boolean> => {
    switch (r.op) {
      case "fact":
        return get(r.name);
      case "const":
        return r.value;
      case "not":
        return !(await run(r.arg));
      case "and":
        for (const a of r.args) if (!(await run(a))) return false;
        return true;
      case "or":
        for (const a of r.args) if (await run(a)) return true;
        return false;
    }
  };
  return run(rule);
}

/** The rule with the given facts replaced by their values, and constants folded away. */
export function assume<F extends string>(rule: Rule<F>, known: Partial<Record<F, boolean>>): Rule<F> {
  switch (rule.op) {
    case "fact": {
      const v = known[rule.name];
      return v === undefined ? rule : { op: "const", value: v };
    }
    case "const":
      return rule;
    case "not": {
      const arg = assume(rule.arg, known);
      return arg.op === "const" ? { op: "const", value: !arg.value } : arg.op === "not" ? arg.arg : { op: "not", arg };
    }
    case "and":
    case "or": {
      const absorbing = rule.op === "or"; // true absorbs an OR, false an AND
      const args: Rule<F>[] = [];
      for (const a of rule.args.map((x) => assume(x, known))) {
        if (a.op === "const") {
          if (a.value === absorbing) return a;
          continue;
        }
        if (a.op === rule.op) args.push(...a.args);
        else args.push(a);
      }
      if (args.length === 0) return { op: "const", value: !absorbing };
      if (args.length === 1) return args[0];
      // Within `x AND rest`, rest may assume x true (within `x OR rest`, x false): `a AND (a OR b)` is `a`.
      const out: Rule<F>[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a.op !== "fact") {
          const siblings: Partial<Record<F, boolean>> = {};
          args.forEach((b, j) => j !== i && b.op === "fact" && (siblings[b.name] = !absorbing));
          const simpler = assume(a, siblings);
          if (simpler.op === "const") {
            if (simpler.value === absorbing) return simpler;
            continue;
          }
          out.push(simpler);
        } else if (!out.some((b) => b.op === "fact" && b.name === a.name)) out.push(a);
      }
      if (out.length === 0) return { op: "const", value: !absorbing };
      return out.length === 1 ? out[0] : { op: rule.op, args: out };
    }
  }
}

/** How a fact reads in SQL: a value known before the query, or a condition over the row with its binds. */
export type SqlFacts<F extends string> = Record<F, boolean | SqlPart>;

/** The rule as a SQL condition: known facts folded in first, so that e.g. an administrator's condition is `1`. */
export function toSql<F extends string>(rule: Rule<F>, facts: SqlFacts<F>): SqlPart {
  const known: Partial<Record<F, boolean>> = {};
  for (const name of Object.keys(facts) as F[]) if (typeof facts[name] === "boolean") known[name] = facts[name] as boolean;
  const binds: unknown[] = [];
  const render = (r: Rule<F>, nested: boolean): string => {
    switch (r.op) {
      case "fact": {
        const part = facts[r.name] as SqlPart;
        binds.push(...part.binds);
        return nested ? `(${part.sql})` : part.sql;
      }
      case "const":
        return r.value ? "1" : "0";
      case "not":
        return `NOT ${render(r.arg, true)}`;
      case "and":
      case "or": {
        const sql = r.args.map((a) => render(a, true)).join(r.op === "and" ? " AND " : " OR ");
        return nested ? `(${sql})` : sql;
      }
    }
  };
  const sql = render(assume(rule, known), false);
  return { sql, binds };
}
