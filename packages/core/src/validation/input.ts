import { AuthmuxError } from "../errors/authmux-error.js";
import type { JsonObject, ListOptions } from "../types/neutral.js";

// Checks every adapter runs on caller input before a request leaves: bad input never reaches a vendor.
// Messages name the argument, never echo values that could be secrets (passwords, tokens).

/** A non-empty id without whitespace, control characters, path characters or dot segments. */
export function requireId(value: unknown, what = "id"): string {
  if (typeof value !== "string" || value.length === 0) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string`);
  if (/[/?#%\\\s\u0000-\u001f\u007f]/.test(value) || value === "." || value === ".." || value.length > 256) {
    throw new AuthmuxError("invalid_input", `${what} contains characters no id has (whitespace, control characters, / ? # % \\), is a dot segment, or is too long`);
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
export function requireListOptions(options: ListOptions | undefined, max: number, fallback = 20): {
  /** The page size. */
  limit: number;
  /** The cursor, or `null` for the first page. */
  cursor: string | null;
} {
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

/** The bounds every metadata bag is held to, below any vendor's own. */
export const METADATA_LIMITS = {
  /** Levels of nesting. */
  maxDepth: 32,
  /** Bytes of UTF-8 JSON. */
  maxBytes: 64 * 1024,
} as const;

/**
 * A plain JSON object (no functions, dates, class instances, non-finite numbers or `__proto__` keys), nested at
 * most `maxDepth` levels and at most `maxBytes` of UTF-8 JSON (defaults {@link METADATA_LIMITS}; a vendor's own
 * smaller limit may be given). Checked without recursion, so no input can exhaust the stack, and in work
 * bounded by the size limit, so no input can make it slow; a cycle is refused as too deep.
 */
export function requireJsonObject(value: unknown, what = "metadata", limits: { maxDepth?: number; maxBytes?: number } = {}): JsonObject {
  const maxDepth = limits.maxDepth ?? METADATA_LIMITS.maxDepth;
  const maxBytes = limits.maxBytes ?? METADATA_LIMITS.maxBytes;
  if (!isPlainObject(value)) throw new AuthmuxError("invalid_input", `${what} must be a plain JSON object`);
  const tooLarge = () => new AuthmuxError("invalid_input", `${what} is larger than ${maxBytes} bytes of JSON`);
  // Characters counted on the way are a lower bound of the UTF-8 size: past the limit, stop at once.
  let chars = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: what, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, path, depth } = stack.pop()!;
    if (item === null || typeof item === "boolean") {
      chars += 4;
    } else if (typeof item === "string") {
      chars += item.length + 2;
    } else if (typeof item === "number") {
      if (!Number.isFinite(item)) throw new AuthmuxError("invalid_input", `${path} holds a number JSON cannot carry`);
      chars += 1;
    } else if (typeof item !== "object") {
      throw new AuthmuxError("invalid_input", `${path} holds a ${typeof item}, which is not JSON`);
    } else {
      if (depth >= maxDepth) throw new AuthmuxError("invalid_input", `${what} is nested deeper than ${maxDepth} levels (or refers to itself)`);
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], path: `${path}[${i}]`, depth: depth + 1 });
        chars += item.length + 1;
      } else if (isPlainObject(item)) {
        for (const key of Object.keys(item)) {
          if (key === "__proto__") throw new AuthmuxError("invalid_input", `${path} has a "__proto__" key, which JSON objects must not carry here`);
          stack.push({ value: item[key], path: `${path}.${key}`, depth: depth + 1 });
          chars += key.length + 4;
        }
      } else {
        throw new AuthmuxError("invalid_input", `${path} holds an object that is not plain JSON`);
      }
    }
    if (chars > maxBytes) throw tooLarge();
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > maxBytes) throw tooLarge();
  return value as JsonObject;
}

/**
 * An optional display text such as a name: `undefined` and `null` pass through (`null` clears it), anything
 * else must be a string of 1 to `max` characters that is not only whitespace.
 */
export function optionalText(value: unknown, what: string, max = 256): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== "string" || value.trim() === "" || value.length > max) {
    throw new AuthmuxError("invalid_input", `${what} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

/** A `users.create` input after the checks every adapter makes before anything reaches its vendor. */
export interface CheckedCreateUserInput {
  /** The email address, trimmed. */
  readonly email: string;
  /** The name; `undefined` or `null` when none was given. */
  readonly name: string | null | undefined;
  /** The E.164 phone number; `undefined` or `null` when none was given. */
  readonly phone: string | null | undefined;
  /** The password (1 to 256 characters); `undefined` when none was given. */
  readonly password: string | undefined;
  /** The metadata; `undefined` when none was given. */
  readonly metadata: JsonObject | undefined;
}

/** What a vendor adds to {@link checkCreateUserInput}'s checks. */
export interface CreateUserRules {
  /** Why the vendor takes no password at creation: given, a password is refused with this message. */
  noPassword?: string;
  /** The longest name the vendor keeps; default 256. */
  nameMaxLength?: number;
  /** The vendor's own check of the metadata (a size limit, say); default {@link requireJsonObject}. */
  metadata?: (value: unknown) => JsonObject;
}

const CREATE_KEYS = ["email", "name", "phone", "password", "metadata"];
const UPDATE_KEYS = ["email", "name", "phone"];

/**
 * Checks a `users.create` input the way every adapter must: a plain object with only the neutral keys (a misspelt
 * one is refused, naming the key it was probably meant to be, never ignored), an email address, an optional name,
 * E.164 phone, password and metadata object. Throws `invalid_input`; a password is never quoted.
 */
export function checkCreateUserInput(input: unknown, rules: CreateUserRules = {}): CheckedCreateUserInput {
  if (!isPlainObject(input)) throw new AuthmuxError("invalid_input", "users.create needs { email }");
  refuseUnknownKeys(input, CREATE_KEYS, "users.create");
  if (input.password !== undefined && rules.noPassword !== undefined) throw new AuthmuxError("invalid_input", rules.noPassword);
  return {
    email: requireEmail(input.email),
    name: optionalText(input.name, "name", rules.nameMaxLength),
    phone: input.phone === undefined || input.phone === null ? input.phone : requirePhone(input.phone),
    password: input.password === undefined ? undefined : requireSecretString(input.password, "password", 256),
    metadata: input.metadata === undefined ? undefined : (rules.metadata ?? requireJsonObject)(input.metadata),
  };
}

/** A `users.update` patch after the checks every adapter makes. */
export interface CheckedUserPatch {
  /** The new email address, trimmed; `undefined` when unchanged. */
  readonly email: string | undefined;
  /** The new name; `null` clears it, `undefined` leaves it. */
  readonly name: string | null | undefined;
  /** The new E.164 phone number; `null` removes it, `undefined` leaves it. */
  readonly phone: string | null | undefined;
}

/**
 * Checks a `users.update` patch the way every adapter must: a plain object with only `email`, `name` and `phone`
 * (a misspelt key is refused, not ignored), at least one of them, each well formed. Throws `invalid_input`.
 */
export function checkUserPatch(patch: unknown, rules: Pick<CreateUserRules, "nameMaxLength"> = {}): CheckedUserPatch {
  if (!isPlainObject(patch)) throw new AuthmuxError("invalid_input", "users.update needs a patch object");
  refuseUnknownKeys(patch, UPDATE_KEYS, "users.update");
  if (UPDATE_KEYS.every((key) => patch[key] === undefined)) throw new AuthmuxError("invalid_input", "users.update needs something to change: email, name or phone");
  return {
    email: patch.email === undefined ? undefined : requireEmail(patch.email),
    name: optionalText(patch.name, "name", rules.nameMaxLength),
    phone: patch.phone === undefined || patch.phone === null ? patch.phone : requirePhone(patch.phone),
  };
}

function refuseUnknownKeys(given: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  // A key is the caller's own code, never a value: safe to name (cut short, and only the first three).
  const named = unknown.slice(0, 3).map((key) => `"${key.length > 40 ? `${key.slice(0, 40)}…` : key}"`);
  throw new AuthmuxError("invalid_input", `${what} takes ${known.join(", ")}; not ${named.join(", ")}${unknown.length > 3 ? ", …" : ""}`);
}

/** An options argument: `undefined` means none; anything else must be a plain object. */
export function optionsObject<T extends object>(value: T | undefined, what: string): Partial<T> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new AuthmuxError("invalid_input", `${what} must be an object`);
  return value;
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
