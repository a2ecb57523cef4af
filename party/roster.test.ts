import { describe, expect, it } from "vitest";
import { Roster, type Member } from "./protocol";

// The coffee room's presence list in its welcome comes from Roster.membersJson(): each member serialised once per stay.
// Literal expectations: the JSON text a client receives.

const ana: Member = { id: "usr_a", handle: "ana", name: "Ana", location: "Lyon", timezone: "Europe/Paris", avatarUrl: null };
const ben: Member = { id: "usr_b", handle: "ben", name: "Ben", location: "Oslo", timezone: "Europe/Oslo", avatarUrl: "/files/avatars/usr_b/f.png" };

describe("Roster.membersJson", () => {
  it("lists each member present once, as JSON, following arrivals, a changed summary and departures", () => {
    const conns: { id: string; state: { member: Member } | null }[] = [];
    const roster = new Roster(() => conns);
    expect(roster.membersJson()).toBe("[]");
    roster.arrive(ana, () => conns.push({ id: "c1", state: { member: ana } }));
    roster.arrive(ben, () => conns.push({ id: "c2", state: { member: ben } }));
    expect(roster.membersJson()).toBe(
      '[{"id":"usr_a","handle":"ana","name":"Ana","location":"Lyon","timezone":"Europe/Paris","avatarUrl":null},{"id":"usr_b","handle":"ben","name":"Ben","location":"Oslo","timezone":"Europe/Oslo","avatarUrl":"/files/avatars/usr_b/f.png"}]',
    );
    // Ana's second tab, her name changed since: listed once, with the new name.
    const renamed = { ...ana, name: "Ana B." };
    roster.arrive(renamed, () => conns.push({ id: "c3", state: { member: renamed } }));
    expect(roster.membersJson()).toBe(
      '[{"id":"usr_a","handle":"ana","name":"Ana B.","location":"Lyon","timezone":"Europe/Paris","avatarUrl":null},{"id":"usr_b","handle":"ben","name":"Ben","location":"Oslo","timezone":"Europe/Oslo","avatarUrl":"/files/avatars/usr_b/f.png"}]',
    );
    roster.depart("c2", "usr_b");
    expect(roster.membersJson()).toBe('[{"id":"usr_a","handle":"ana","name":"Ana B.","location":"Lyon","timezone":"Europe/Paris","avatarUrl":null}]');
    // Rebuilt from the open connections after a wake (c2 closed): Ana's first tab's summary, as before this change.
    conns.splice(1, 1);
    roster.forget();
    expect(roster.membersJson()).toBe('[{"id":"usr_a","handle":"ana","name":"Ana","location":"Lyon","timezone":"Europe/Paris","avatarUrl":null}]');
  });
});
