import { describe, expect, it } from "vitest";
import { addBusinessHours, deadlineOf, withinBusinessHours } from "./deadline";

/**
 * The answer-time clock against hand-computed instants (UTC, written out). Paris changes to summer time on Sunday
 * 29 March 2026 and back on Sunday 25 October 2026; New York on Sunday 8 March 2026.
 */
const PARIS = { days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", timezone: "Europe/Paris" };
const NEW_YORK = { days: [1, 2, 3, 4, 5], opens: "09:00", closes: "17:00", timezone: "America/New_York" };
const at = (iso: string) => Date.parse(iso);

const CASES: [string, string, number, typeof PARIS, string][] = [
  ["a Tuesday morning, within the day", "2026-03-24T09:00:00Z", 4, PARIS, "2026-03-24T13:00:00Z"],
  ["a Tuesday night: counts from Wednesday's opening", "2026-03-24T19:00:00Z", 4, PARIS, "2026-03-25T12:00:00Z"],
  ["Friday 16:00 over the weekend and the spring change: Monday 11:00 summer time", "2026-03-27T15:00:00Z", 4, PARIS, "2026-03-30T09:00:00Z"],
  ["Saturday, before the autumn change: Monday 13:00 winter time", "2026-10-24T10:00:00Z", 4, PARIS, "2026-10-26T12:00:00Z"],
  ["Friday 17:00 summer time, 1 hour that day, 3 on Monday in winter time", "2026-10-23T15:00:00Z", 4, PARIS, "2026-10-26T11:00:00Z"],
  ["fractional: 0.02 hours is 72 seconds", "2026-03-24T09:00:00Z", 0.02, PARIS, "2026-03-24T09:01:12Z"],
  ["fractional across the closing: 1.5 hours from 17:00", "2026-03-24T16:00:00Z", 1.5, PARIS, "2026-03-25T08:30:00Z"],
  ["exactly at the closing time", "2026-03-24T13:00:00Z", 4, PARIS, "2026-03-24T17:00:00Z"],
  ["a group in New York asked from Paris at 15:00 (10:00 in New York, summer time there only)", "2026-03-09T14:00:00Z", 4, NEW_YORK, "2026-03-09T18:00:00Z"],
  ["New York, asked after its closing: next morning 9:00 + 4", "2026-03-09T22:00:00Z", 4, NEW_YORK, "2026-03-10T17:00:00Z"],
  ["two full days and a half", "2026-03-24T08:00:00Z", 22.5, PARIS, "2026-03-26T12:30:00Z"],
];

describe("business hours", () => {
  it.each(CASES)("%s", (_name, asked, hours, business, due) => {
    expect(new Date(addBusinessHours(at(asked), hours, business)!).toISOString()).toBe(new Date(at(due)).toISOString());
  });

  it.each([
    ["2026-03-30T07:30:00Z", true], // Monday 09:30 summer time
    ["2026-03-30T06:30:00Z", false], // Monday 08:30 summer time (would be 07:30 winter time)
    ["2026-03-28T10:00:00Z", false], // Saturday
    ["2026-03-27T16:59:59Z", true], // Friday 17:59:59
    ["2026-03-27T17:00:00Z", false], // Friday 18:00: closed
  ] as const)("on duty at %s: %s", (when, expected) => {
    expect(withinBusinessHours(at(when), PARIS)).toBe(expected);
  });

  it("a promise's deadline and its 75% mark", () => {
    expect(deadlineOf(at("2026-03-24T09:00:00Z"), { mode: "business", hours: 4, ...PARIS })).toEqual({ deadlineAt: at("2026-03-24T13:00:00Z"), nudgeAt: at("2026-03-24T12:00:00Z") });
    expect(deadlineOf(at("2026-03-27T15:00:00Z"), { mode: "business", hours: 4, ...PARIS })).toEqual({ deadlineAt: at("2026-03-30T09:00:00Z"), nudgeAt: at("2026-03-30T08:00:00Z") });
    expect(deadlineOf(at("2026-03-28T23:00:00Z"), { mode: "calendar", hours: 4 })).toEqual({ deadlineAt: at("2026-03-29T03:00:00Z"), nudgeAt: at("2026-03-29T02:00:00Z") });
    expect(deadlineOf(at("2026-03-24T09:00:00Z"), { mode: "calendar", hours: 0.02 })).toEqual({ deadlineAt: at("2026-03-24T09:01:12Z"), nudgeAt: at("2026-03-24T09:00:54Z") });
    expect(deadlineOf(at("2026-03-24T09:00:00Z"), { mode: "none" })).toEqual({ deadlineAt: null, nudgeAt: null });
  });
});
