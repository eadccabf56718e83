import type { JsonObject } from "@authmux/core";
import { fromClerkNotation } from "../passwords/clerk-hashers.js";
import type { SourceUser } from "../source-user.js";
import { invalidUser } from "./ndjson.js";

/** The columns of Clerk's Dashboard export this source reads (others, such as `totp_secret`, are ignored). */
export const CLERK_CSV_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "username",
  "primary_email_address",
  "primary_phone_number",
  "verified_email_addresses",
  "verified_phone_numbers",
  "password_digest",
  "password_hasher",
] as const;

/**
 * One row of Clerk's Dashboard CSV export (a record keyed by the header) as a {@link SourceUser}. The digest is read
 * with {@link fromClerkNotation}; a row without an `id` is refused. Email and phone count as verified when the
 * `verified_*` column lists them, or when the export has no such column (the Backend API creates them verified).
 */
export function clerkCsvUser(row: Readonly<Record<string, string | undefined>>, rowNumber: number): SourceUser {
  const id = (row.id ?? "").trim();
  if (id === "") return invalidUser(`row:${rowNumber}`, `row ${rowNumber} has no id`);
  const text = (key: string) => {
    const value = row[key]?.trim();
    return value ? value : null;
  };
  const email = text("primary_email_address");
  const phone = text("primary_phone_number");
  const listed = (key: string, value: string | null) => {
    if (value === null) return false;
    const list = row[key];
    return list === undefined ? true : splitList(list).includes(value.toLowerCase());
  };
  const metadata = metadataOf(row);
  if (metadata === null) return invalidUser(id, `row ${rowNumber}: public_metadata is not a JSON object`);
  const digest = text("password_digest");
  const hasher = text("password_hasher");
  const reading = digest === null ? null : fromClerkNotation({ digest, hasher: hasher ?? "" });
  return {
    id,
    email,
    emailVerified: listed("verified_email_addresses", email),
    phone,
    phoneVerified: listed("verified_phone_numbers", phone),
    name: [text("first_name"), text("last_name")].filter((p) => p !== null).join(" ") || text("username"),
    metadata,
    createdAt: null,
    passwordHash: reading?.ok ? reading.hash : null,
    noHashReason: reading === null ? "the export has no password digest for this user" : reading.ok ? null : reading.reason,
    ...(reading !== null && !reading.ok ? { unreadableHash: true as const } : {}),
  };
}

/** Clerk writes several addresses in one cell; accept the separators it and spreadsheets use. */
const splitList = (cell: string) => cell.split(/[|,;\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);

/** `public_metadata`, when the export carries it (JSON); `{}` without; `null` when it is not a JSON object. */
function metadataOf(row: Readonly<Record<string, string | undefined>>): JsonObject | null {
  const cell = row.public_metadata?.trim();
  if (!cell) return {};
  try {
    const value: unknown = JSON.parse(cell);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}
