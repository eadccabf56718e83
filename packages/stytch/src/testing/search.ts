import type { FakeUser } from "./state.js";

/** What a search operand does to the list: keep the users it matches, or Stytch's refusal. */
export type Filter = { test: (user: FakeUser) => boolean } | { status: 400 | 501; type: string; message: string };

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isTime = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v));
const fullName = (u: FakeUser) => [u.name.first_name, u.name.middle_name, u.name.last_name].filter(Boolean).join(" ");
// Fuzzy filters: Stytch does not document its matching; the fake takes a case-insensitive substring.
const fuzzy = (value: string, wanted: string) => value.toLowerCase().includes(wanted.toLowerCase());
const created = (u: FakeUser) => Date.parse(u.created_at);

type Range = { greater_than: string; less_than: string };
const isRange = (v: unknown): v is Range => typeof v === "object" && v !== null && isTime((v as Record<string, unknown>).greater_than) && isTime((v as Record<string, unknown>).less_than);
const isStatus = (v: unknown): v is string => v === "active" || v === "pending";
const isString = (v: unknown): v is string => typeof v === "string";
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

/** A filter: the value it takes (checked by `accepts`, described by `words`) and the users that value keeps. */
type Rule = { accepts: (value: unknown) => boolean; words: string; keeps: (user: FakeUser, value: unknown) => boolean };
const rule =
  <V>(accepts: (value: unknown) => value is V, words: string) =>
  (keeps: (user: FakeUser, value: V) => boolean): Rule => ({ accepts, words, keeps: (user, value) => accepts(value) && keeps(user, value) });
const list = rule(isList, "an array of strings");
const text = rule(isString, "a string");
const flag = rule(isBoolean, "a boolean");
const time = rule(isTime, "an RFC 3339 time");

/** The filters of `POST /v1/users/search` the fake applies (vendors/stytch.md §4.2, the SDK's `SearchUsersQueryOperand`). */
const RULES: Readonly<Record<string, Rule>> = {
  created_at_greater_than: time((u, v) => created(u) > Date.parse(v)),
  created_at_less_than: time((u, v) => created(u) < Date.parse(v)),
  created_at_between: rule(isRange, "{ greater_than, less_than } RFC 3339 times")((u, v) => created(u) > Date.parse(v.greater_than) && created(u) < Date.parse(v.less_than)),
  status: rule(isStatus, '"active" or "pending"')((u, v) => u.status === v),
  user_id: list((u, v) => v.includes(u.user_id)),
  full_name_fuzzy: text((u, v) => fuzzy(fullName(u), v)),
  email_address: list((u, v) => u.emails.some((e) => v.some((w) => w.toLowerCase() === e.email.toLowerCase()))),
  email_id: list((u, v) => u.emails.some((e) => v.includes(e.email_id))),
  email_verified: flag((u, v) => u.emails.some((e) => e.verified === v)),
  email_address_fuzzy: text((u, v) => u.emails.some((e) => fuzzy(e.email, v))),
  phone_number: list((u, v) => u.phone_numbers.some((p) => v.includes(p.phone_number))),
  phone_id: list((u, v) => u.phone_numbers.some((p) => v.includes(p.phone_id))),
  phone_verified: flag((u, v) => u.phone_numbers.some((p) => p.verified === v)),
  phone_number_fuzzy: text((u, v) => u.phone_numbers.some((p) => fuzzy(p.phone_number, v))),
  password_exists: flag((u, v) => (u.password !== null) === v),
};

/** Documented filters on factors the fake does not keep (OAuth, WebAuthn, crypto wallets, TOTP). */
const NOT_EMULATED = new Set(["oauth_provider", "webauthn_registration_id", "webauthn_registration_verified", "crypto_wallet_id", "crypto_wallet_address", "crypto_wallet_verified", "totp_id", "totp_verified"]);

/**
 * One operand of a search query as Stytch reads it. Stytch documents no error type for a malformed query; the fake
 * answers its generic 400 `bad_request`, naming the operand.
 */
export function filterOf(operand: unknown): Filter {
  if (typeof operand !== "object" || operand === null || Array.isArray(operand)) return { status: 400, type: "bad_request", message: "Each query operand must be an object with filter_name and filter_value." };
  const { filter_name: name, filter_value: value } = operand as Record<string, unknown>;
  if (typeof name !== "string") return { status: 400, type: "bad_request", message: "Each query operand needs a filter_name." };
  if (NOT_EMULATED.has(name)) return { status: 501, type: "not_emulated", message: `Search filter ${name} is not emulated by the Stytch fake.` };
  const found = RULES[name];
  if (!found) return { status: 400, type: "bad_request", message: `Unknown search filter_name ${name}.` };
  if (!found.accepts(value)) return { status: 400, type: "bad_request", message: `filter_value of ${name} must be ${found.words}.` };
  return { test: (user) => found.keeps(user, value) };
}
