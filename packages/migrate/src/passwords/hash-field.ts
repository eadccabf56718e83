import { isAuthmuxError, parsePasswordHash } from "@authmux/core";
import { fromClerkNotation, type HashReading } from "./clerk-hashers.js";

/**
 * Reads the `passwordHash` field of a neutral NDJSON line: PHC/MCF/hex text (`"$2b$10$…"`, `"$argon2id$v=19$…"`), or
 * a vendor's notation `{ "digest": "…", "hasher": "bcrypt" }` with Clerk's hasher names. `null`/absent: no hash.
 */
export function readHashField(value: unknown): HashReading | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") {
    try {
      return { ok: true, hash: parsePasswordHash(value) };
    } catch (error) {
      if (isAuthmuxError(error)) return { ok: false, reason: `unreadable passwordHash: ${error.message}` };
      throw error;
    }
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const { digest, hasher } = value as { digest?: unknown; hasher?: unknown };
    if (typeof digest === "string" && typeof hasher === "string") return fromClerkNotation({ digest, hasher });
  }
  return { ok: false, reason: 'unreadable passwordHash: expected PHC/MCF text or { "digest", "hasher" }' };
}
