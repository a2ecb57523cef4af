import type { MeCan } from "../../../contract/identity";
import type { Actor } from "../../context";
import { isAdministrator } from "./admin";
import { mayUseCoffee } from "./coffee";
import { canCreateGroup } from "./groups";

/** The `can` of `GET /me`: the network-wide rules, computed here once for the client to read. */
export function meCan(actor: Actor): MeCan {
  return { administer: isAdministrator(actor), createGroups: canCreateGroup(actor), useCoffee: mayUseCoffee(actor) };
}
