import type { FakeParam, FakeProblem } from "@authmux/core/testing";

/** Clerk's error body: `{ errors: [{ message, long_message, code, meta? }], meta, clerk_trace_id }`. */
export const clerkError = (status: number, code: string, message: string, longMessage = message, meta?: Record<string, unknown>) =>
  Response.json({ errors: [{ message, long_message: longMessage, code, ...(meta ? { meta } : {}) }], meta: {}, clerk_trace_id: `trace_${crypto.randomUUID().slice(0, 8)}` }, { status });
export const notFound = (what: string) => clerkError(404, "resource_not_found", "not found", `${what} not found`);
/** What the fake answers for something Clerk documents that it does not emulate: 501, naming it. */
export const notEmulated = (what: string, paramName?: string) =>
  clerkError(501, "not_emulated", "not emulated", `${what} is documented by Clerk but not emulated by this fake`, paramName ? { param_name: paramName } : undefined);
export const invalid = (param: string, why: string) => clerkError(422, "form_param_format_invalid", "is invalid", `${param} ${why}`, { param_name: param });

/** What Clerk says of a request body it cannot read, by the rule it breaks. */
export const BAD_BODY: Record<NonNullable<FakeProblem["reason"]>, string> = {
  media_type: "The request body must be JSON.",
  invalid_json: "The request body is not valid JSON.",
  not_object: "The request body must be a JSON object.",
  missing: "The request body is missing.",
};

/** Clerk's 422 for a parameter a route does not take, lacks, or has in the wrong form; 501 for one the fake does not apply. */
export function paramError({ rule, param = "", must = "is invalid", anyValue }: FakeProblem): Response {
  if (rule === "missing") return clerkError(422, "form_param_missing", "is missing", `${param} is required`, { param_name: param });
  if (rule === "unknown") return clerkError(422, "form_param_unknown", "is unknown", `${param} is not a valid parameter for this request.`, { param_name: param });
  if (rule === "invalid") return invalid(param, must);
  // The value is never quoted: it may be a secret (totp_secret, backup_codes).
  return notEmulated(`the parameter ${param}${anyValue ? "" : " with this value"}`, param);
}

// The forms of the parameters Clerk documents (the kit checks each route's before its handler runs).
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const form = (valid: (value: unknown) => boolean, must: string): FakeParam => ({ valid, must });
export const TEXT = form((v) => typeof v === "string", "must be a string");
export const NULLABLE_TEXT = form((v) => v === null || typeof v === "string", "must be a string or null");
export const FLAG = form((v) => v === null || typeof v === "boolean", "must be a boolean");
export const METADATA = form(isObject, "must be an object");
export const NULLABLE_INT = form((v) => v === null || Number.isSafeInteger(v), "must be an integer");
/** An RFC 3339 date-time string. */
export const DATE_TIME = form((v) => v === null || (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v))), "must be an RFC3339 date-time");
export const intFrom = (min: number, max: number, nullable = false) =>
  form((v) => (nullable && v === null) || (Number.isInteger(v) && Number(v) >= min && Number(v) <= max), max === Infinity ? "must be a positive integer" : `must be between ${min} and ${max}`);
export const one = (shape: RegExp, what: string) => form((v) => typeof v === "string" && shape.test(v), `must be ${what}`);
export const listOf = (shape: RegExp, what: string) => form((v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && shape.test(x)), `must be a list of ${what}`);
export const oneOf = (values: readonly string[]) => form((v) => typeof v === "string" && values.includes(v), `must be one of ${values.join(", ")}`);
export const everyOneOf = (values: readonly string[]) => form((v) => Array.isArray(v) && v.every((x) => values.includes(x)), `must be a list of ${values.join(" or ")}`);
/** Documented, and not emulated whatever its value. */
export const NOT_EMULATED: FakeParam = { emulated: false };
/** Documented; emulated only when it asks for nothing (false, null): the fake has nothing to do it with. */
export const onlyFalse = (param: FakeParam): FakeParam => ({ ...param, emulated: (v) => v === false || v === null });

// Query values are strings.
export const count = (min: number, max?: number) =>
  form((v) => /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= (max ?? Infinity), max ? `must be between ${min} and ${max}` : `must be ${min} or more`);
export const QUERY_FLAG = form((v) => v === "true" || v === "false", "must be true or false");
export const QUERY_MS = form((v) => /^-?\d+$/.test(String(v)), "must be a Unix time in milliseconds");
export const PAGE = { limit: count(1, 500), offset: count(0) };
