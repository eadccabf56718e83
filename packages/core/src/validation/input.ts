import { AuthmuxError } from "../errors/authmux-error.js";
import type { JsonObject, ListOptions } from "../types/neutral.js";

// Checks every adapter runs on caller input before a request leaves: bad input never reaches a vendor.
// Messages name the argument, never echo values that could be secrets (passwords, tokens).

/** A non-empty id without surrounding whitespace or path characters. */
export function requireId(value: unknown, what = "id"): string {
  if (typeof value !== "string" || value.length === 0) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string`);
  if (value.trim() !== value || /[/?#\\\s]/.test(value) || value.length > 256) {
    throw new AuthmuxError("invalid_input", `${what} contains characters no id has (whitespace, / ? # \\) or is too long`);
  }
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address (shape check only; the vendor decides deliverability), trimmed. */
export function requireEmail(value: unknown, what = "email"): string {
  if (typeof value !== "string") throw new AuthmuxError("invalid_input", `${what} must be a string`);
  const email = value.trim();
  if (email.length > 320 || !EMAIL.test(email)) throw new AuthmuxError("invalid_input", `${what} is not an email address`);
  return email;
}

/** A phone number in E.164 form (`+` and 8–15 digits). */
export function requirePhone(value: unknown, what = "phone"): string {
  if (typeof value !== "string" || !/^\+[1-9]\d{7,14}$/.test(value)) {
    throw new AuthmuxError("invalid_input", `${what} must be an E.164 phone number such as +15551234567`);
  }
  return value;
}

/** A non-empty string, for passwords and tokens (never echoed). */
export function requireSecretString(value: unknown, what: string, maxLength = 8192): string {
  if (typeof value !== "string" || value.length === 0) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string`);
  if (value.length > maxLength) throw new AuthmuxError("invalid_input", `${what} is longer than ${maxLength} characters`);
  return value;
}

/** `{ limit, cursor }` with `limit` a whole number within 1..max. */
export function requireListOptions(options: ListOptions | undefined, max: number, fallback = 20): { limit: number; cursor: string | null } {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new AuthmuxError("invalid_input", "list options must be an object");
  }
  const limit = options?.limit ?? Math.min(fallback, max);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new AuthmuxError("invalid_input", `limit must be a whole number from 1 to ${max}`);
  }
  const cursor = options?.cursor ?? null;
  if (cursor !== null && (typeof cursor !== "string" || cursor.length === 0)) {
    throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous page");
  }
  return { limit, cursor };
}

/** A plain JSON object (no functions, dates, cycles or non-finite numbers). */
export function requireJsonObject(value: unknown, what = "metadata"): JsonObject {
  if (!isPlainObject(value)) throw new AuthmuxError("invalid_input", `${what} must be a plain JSON object`);
  checkJson(value, what, new Set());
  return value as JsonObject;
}

function checkJson(value: unknown, path: string, seen: Set<object>): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new AuthmuxError("invalid_input", `${path} holds a number JSON cannot carry`);
    return;
  }
  if (typeof value !== "object") throw new AuthmuxError("invalid_input", `${path} holds a ${typeof value}, which is not JSON`);
  if (seen.has(value)) throw new AuthmuxError("invalid_input", `${path} refers to itself`);
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => checkJson(v, `${path}[${i}]`, seen));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) checkJson(v, `${path}.${k}`, seen);
  else throw new AuthmuxError("invalid_input", `${path} holds an object that is not plain JSON`);
  seen.delete(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The neutral metadata patch: a top-level merge where `null` removes a key. Adapters whose vendor
 * merges differently compute the result with this and send the whole object.
 */
export function mergeMetadata(current: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}
