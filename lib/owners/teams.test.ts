import { describe, expect, it } from "vitest";
import { countsByTeam, teamNames, usersOfOwner, type UserTeam } from "./teams.ts";

const users: UserTeam[] = [
  { iamUserId: "u1", team: "payments" },
  { iamUserId: "u2", team: "payments" },
  { iamUserId: "u3", team: "payments" },
  { iamUserId: "u4", team: "search" },
  { iamUserId: "u5", team: null },
];

describe("owner filters and groups", () => {
  it("names each team once, in order", () => expect(teamNames(users)).toEqual(["payments", "search"]));

  it("lists the users a filter keeps, or the shorter complement", () => {
    expect(usersOfOwner(users, { owner: null, noOwner: false })).toBeNull();
    expect(usersOfOwner(users, { owner: "search", noOwner: false })).toEqual({ in: ["u4"] });
    expect(usersOfOwner(users, { owner: "payments", noOwner: false })).toEqual({ notIn: ["u4", "u5"] });
    expect(usersOfOwner(users, { owner: "payments", noOwner: true })).toEqual({ in: ["u5"] });
    expect(usersOfOwner(users, { owner: "nobody", noOwner: false })).toEqual({ in: [] });
  });

  it("adds each user's counts to its team, most keys first, no owner as a group of its own", () => {
    const c = (total: number, overdue = 0) => ({ total, overdue, dueSoon: 0, neverUsed: 0 });
    const perUser = new Map([["u1", c(2, 1)], ["u2", c(1)], ["u4", c(1, 1)], ["u5", c(3, 2)]]);
    expect(countsByTeam(users, perUser)).toEqual([
      { team: "payments", ...c(3, 1) },
      { team: null, ...c(3, 2) },
      { team: "search", ...c(1, 1) },
    ]);
  });
});
