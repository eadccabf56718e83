import { errors, type FakeUser, wireUserOf } from "./state.js";

/** The fields the deprecated `GET /users/by_*` and `/users/external/{id}` lookups match, by their query parameter. */
export type LegacyLookupField = "login" | "email" | "facebook_id" | "twitter_id" | "external_user_id";

/**
 * A deprecated single-user lookup (vendors/connectycube.md §5.1), still called by the SDK's `users.get`:
 * `{ user }` for the one user whose field equals the value (emails in any case), else 404.
 */
export function legacyLookup(users: Iterable<FakeUser>, field: LegacyLookupField, value: string | null): Response {
  const same = (held: string | number | null) => (field === "email" ? String(held ?? "").toLowerCase() === value?.toLowerCase() : held !== null && String(held) === value);
  const user = value === null || value === "" ? undefined : [...users].find((u) => same(u[field]));
  return user ? Response.json({ user: wireUserOf(user) }) : errors(404, ["Not found"]);
}

/** What the fake answers for a documented endpoint or parameter it does not emulate, rather than ignore it. */
export const notEmulated = (what: string) => errors(501, [`${what} is not emulated by the authmux ConnectyCube fake`]);
