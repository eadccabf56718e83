import type { JsonObject } from "@authmux/core";
import { readHashField } from "../passwords/hash-field.js";
import type { SourceUser } from "../source-user.js";
import { readLines } from "./lines.js";

const MAX_ID = 256;

/**
 * The neutral NDJSON source: one user per line (schema in the package README), read from a stream of chunks so
 * memory holds one line at a time. A line that is not a user is yielded as refused (`invalid`), never dropped.
 *
 * @example
 * for await (const user of ndjsonSource(createReadStream("users.ndjson"))) console.log(user.id);
 */
export async function* ndjsonSource(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SourceUser> {
  for await (const line of readLines(chunks)) {
    if (line.text.trim() === "") continue;
    if (line.tooLong) {
      yield invalidUser(`line:${line.number}`, `line ${line.number} is longer than a user record can be`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      yield invalidUser(`line:${line.number}`, `line ${line.number} is not JSON`);
      continue;
    }
    yield ndjsonUser(value, line.number);
  }
}

/** One parsed NDJSON line as a {@link SourceUser}; a malformed one is refused with the reason. */
export function ndjsonUser(value: unknown, lineNumber: number): SourceUser {
  const at = `line ${lineNumber}`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return invalidUser(`line:${lineNumber}`, `${at} is not a JSON object`);
  const v = value as Record<string, unknown>;
  const rawId = v.id ?? v.externalId;
  if (typeof rawId !== "string" || rawId.trim() === "" || rawId.length > MAX_ID) {
    return invalidUser(`line:${lineNumber}`, `${at} has no "id" (a non-empty string of at most ${MAX_ID} characters)`);
  }
  const id = rawId.trim();
  const problem = fieldProblem(v);
  if (problem !== null) return invalidUser(id, `${at}: ${problem}`);
  const createdAt = typeof v.createdAt === "string" || typeof v.createdAt === "number" ? new Date(v.createdAt) : null;
  const hash = readHashField(v.passwordHash);
  return {
    id,
    email: textOrNull(v.email),
    emailVerified: v.emailVerified === true,
    phone: textOrNull(v.phone),
    phoneVerified: v.phoneVerified === true,
    name: textOrNull(v.name),
    metadata: (v.metadata ?? {}) as JsonObject,
    createdAt: createdAt !== null && !Number.isNaN(createdAt.getTime()) ? createdAt : null,
    passwordHash: hash?.ok ? hash.hash : null,
    noHashReason: hash === null ? "the source record has no password hash" : hash.ok ? null : hash.reason,
    ...(hash !== null && !hash.ok ? { unreadableHash: true as const } : {}),
  };
}

function fieldProblem(v: Record<string, unknown>): string | null {
  for (const key of ["email", "phone", "name"] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== "string") return `"${key}" must be a string or null`;
  }
  for (const key of ["emailVerified", "phoneVerified"] as const) {
    if (v[key] !== undefined && typeof v[key] !== "boolean") return `"${key}" must be true or false`;
  }
  const m = v.metadata;
  if (m !== undefined && m !== null && (typeof m !== "object" || Array.isArray(m))) return '"metadata" must be a JSON object';
  return null;
}

const textOrNull = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** A record that cannot become a user: refused with `reason`. */
export function invalidUser(id: string, reason: string): SourceUser {
  return {
    id,
    email: null,
    emailVerified: false,
    phone: null,
    phoneVerified: false,
    name: null,
    metadata: {},
    createdAt: null,
    passwordHash: null,
    noHashReason: null,
    invalid: reason,
  };
}
