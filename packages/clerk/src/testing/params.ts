import type { FakeHandler, FakeProblem } from "@authmux/core/testing";

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

/**
 * A parameter Clerk documents on a route: its test, what Clerk says when a value fails it, and whether the fake
 * emulates that value (a documented parameter the fake cannot act on is answered 501, never ignored).
 */
export type Param = readonly [valid: (value: unknown) => boolean, must: string, emulated?: (value: unknown) => boolean];

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
export const TEXT: Param = [(v) => typeof v === "string", "must be a string"];
export const NULLABLE_TEXT: Param = [(v) => v === null || typeof v === "string", "must be a string or null"];
export const FLAG: Param = [(v) => v === null || typeof v === "boolean", "must be a boolean"];
export const METADATA: Param = [isObject, "must be an object"];
export const STRINGS: Param = [(v) => Array.isArray(v) && v.every((x) => typeof x === "string"), "must be a list of strings"];
export const NULLABLE_INT: Param = [(v) => v === null || Number.isSafeInteger(v), "must be an integer"];
/** An RFC 3339 date-time string. */
export const DATE_TIME: Param = [(v) => v === null || (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v))), "must be an RFC3339 date-time"];
export const one = (shape: RegExp, what: string): Param => [(v) => typeof v === "string" && shape.test(v), `must be ${what}`];
export const listOf = (shape: RegExp, what: string): Param => [(v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && shape.test(x)), `must be a list of ${what}`];
export const oneOf = (values: readonly string[]): Param => [(v) => typeof v === "string" && values.includes(v), `must be one of ${values.join(", ")}`];
/** Documented, and not emulated whatever its value. */
export const NOT_EMULATED: Param = [() => true, "", () => false];
/** Documented; emulated only when it asks for nothing (false, null): the fake has nothing to do it with. */
export const onlyFalse = (param: Param): Param => [param[0], param[1], (v) => v === false || v === null];

// Query values are strings.
export const count = (min: number, max?: number): Param => [
  (v) => /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= (max ?? Infinity),
  max ? `must be between ${min} and ${max}` : `must be ${min} or more`,
];
export const QUERY_FLAG: Param = [(v) => v === "true" || v === "false", "must be true or false"];
export const QUERY_MS: Param = [(v) => /^-?\d+$/.test(String(v)), "must be a Unix time in milliseconds"];
export const PAGE = { limit: count(1, 500), offset: count(0) };

/**
 * A route whose parameters (the JSON body; a GET's query) are checked first, as Clerk does: one required and
 * missing (422), one Clerk does not take there (422 form_param_unknown), a value of the wrong form (422), then
 * one Clerk documents that the fake does not emulate (501). So nothing sent is silently ignored.
 */
export function checked<A>(params: Readonly<Record<string, Param>>, required: readonly string[], handle: FakeHandler<A>): FakeHandler<A> {
  return (call) => {
    const isGet = call.request.method === "GET";
    const given: [string, unknown][] = isGet ? [] : Object.entries(call.body);
    if (isGet) call.query.forEach((value, key) => given.push([key, value]));
    const missing = required.find((key) => !given.some(([name, value]) => name === key && value !== null && value !== undefined));
    if (missing) return clerkError(422, "form_param_missing", "is missing", `${missing} is required`, { param_name: missing });
    for (const [key, value] of given) {
      const param = params[key];
      if (!param) return clerkError(422, "form_param_unknown", "is unknown", `${key} is not a valid parameter for this request.`, { param_name: key });
      if (!param[0](value)) return invalid(key, param[1]);
    }
    const unemulated = given.find(([key, value]) => params[key]![2]?.(value) === false);
    // The value is never quoted: it may be a secret (totp_secret, backup_codes).
    if (unemulated) return notEmulated(`the parameter ${unemulated[0]}${params[unemulated[0]] === NOT_EMULATED ? "" : " with this value"}`, unemulated[0]);
    return handle(call);
  };
}
