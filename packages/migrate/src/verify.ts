import { type JsonValue, type ProviderWith, supports, type User } from "@authmux/core";
import { createPacer, type Pacer } from "./pacing.js";
import { SOURCE_ID_KEY } from "./plan.js";
import { passwordAtTarget, type SourceUser } from "./source-user.js";

/** The fields `verify` can compare. Verified flags are opt-in: no target's `users.create` can set them. */
export const VERIFY_FIELDS = ["email", "name", "phone", "metadata", "password", "verified"] as const;
/** One of {@link VERIFY_FIELDS}. */
export type VerifyField = (typeof VERIFY_FIELDS)[number];
/** What `verify` compares unless told otherwise. */
export const DEFAULT_VERIFY_FIELDS: readonly VerifyField[] = ["email", "name", "phone", "metadata", "password"];

/** One difference between a source user and its counterpart at the target. */
export interface Difference {
  /** The user's id at the source. */
  readonly id: string;
  /** The id at the target, when the id map has one. */
  readonly to: string | null;
  /** The field that differs, or `presence` for a user missing at the target. */
  readonly field: VerifyField | "presence";
  /** What differs, in words (values of email, name and phone shown; metadata by key; never a hash). */
  readonly detail: string;
}

/** Options of {@link verifyMigration}. */
export interface VerifyOptions {
  /** The users as the source holds them. */
  source: AsyncIterable<SourceUser>;
  /** The provider they were moved to. */
  target: ProviderWith<"users.read">;
  /** `source id → target id`, as the id map file holds it. */
  idMap: ReadonlyMap<string, string>;
  /** The fields to compare; default {@link DEFAULT_VERIFY_FIELDS}. */
  fields?: readonly VerifyField[];
  /**
   * Whether a target user can sign in with a password; `null` when the target cannot tell. Defaults to
   * {@link passwordAtTarget} (the vendor's own user fields).
   */
  hasPassword?: (user: User) => boolean | null | Promise<boolean | null>;
  /** Told each difference as it is found. */
  onDifference?: (difference: Difference) => void;
  /** Paces the reads of the target to its rate limit. */
  pacer?: Pacer;
  /** Users read at the target at once; default 4. */
  concurrency?: number;
}

/** What `verify` found. */
export interface VerifySummary {
  /** Users read from the source. */
  readonly sourceUsers: number;
  /** Users the target holds, when it can list them; `null` otherwise. */
  readonly targetUsers: number | null;
  /** Source users without their counterpart at the target. */
  readonly missing: number;
  /** Users with at least one field that differs. */
  readonly differing: number;
  /** Differences found, `missing` ones included. */
  readonly differences: number;
  /** Users with a hash at the source that can sign in with a password at the target. */
  readonly passwordsAtTarget: number;
  /** Users whose password state at the target could not be told. */
  readonly passwordUnknown: number;
}

/**
 * Compares a source with the target user by user through the id map: each source user must be at the target, with
 * the same email, name, phone and metadata (the target may add `authmuxSourceId`), and a user whose hash the source
 * exported must be able to sign in with a password there. Counts both sides where the target can list.
 */
export async function verifyMigration(options: VerifyOptions): Promise<VerifySummary> {
  const fields = new Set(options.fields ?? DEFAULT_VERIFY_FIELDS);
  const pacer = options.pacer ?? createPacer({ rate: 0 });
  const hasPassword = options.hasPassword ?? passwordAtTarget;
  const counts = { sourceUsers: 0, missing: 0, differing: 0, differences: 0, passwordsAtTarget: 0, passwordUnknown: 0 };
  const report = (d: Difference) => {
    counts.differences++;
    options.onDifference?.(d);
  };
  const check = async (user: SourceUser) => {
    const to = options.idMap.get(user.id) ?? null;
    if (user.invalid !== undefined) return report({ id: user.id, to, field: "presence", detail: `not a user at the source: ${user.invalid}` });
    if (to === null) {
      counts.missing++;
      return report({ id: user.id, to, field: "presence", detail: "not in the id map: never placed at the target (see the report for why)" });
    }
    await pacer.take();
    const found = await options.target.users.get(to);
    if (found === null) {
      counts.missing++;
      return report({ id: user.id, to, field: "presence", detail: "the id map names a user the target does not hold" });
    }
    const diffs = compareUser(user, found, fields);
    if (fields.has("password") && (user.passwordHash !== null || user.unreadableHash === true || user.hadPassword === true)) {
      const can = await hasPassword(found);
      if (can === null) counts.passwordUnknown++;
      else if (can) counts.passwordsAtTarget++;
      else diffs.push({ field: "password", detail: "had a password at the source; cannot sign in with a password at the target" });
    }
    if (diffs.length > 0) counts.differing++;
    for (const d of diffs) report({ id: user.id, to, ...d });
  };

  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(1, options.concurrency ?? 4);
  for await (const user of options.source) {
    counts.sourceUsers++;
    const p: Promise<void> = check(user).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  let targetUsers: number | null = null;
  if (supports(options.target, "users.list")) {
    targetUsers = 0;
    let cursor: string | null = null;
    do {
      await pacer.take();
      const page = await options.target.users.list({ limit: 100, cursor });
      targetUsers += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
  return { ...counts, targetUsers };
}

/** The per-field differences of one user (presence and password are the caller's). */
export function compareUser(source: SourceUser, target: User, fields: ReadonlySet<VerifyField>): Array<{
  /** The field that differs. */
  field: VerifyField;
  /** What differs, in words. */
  detail: string;
}> {
  const out: Array<{ field: VerifyField; detail: string }> = [];
  const text = (field: "email" | "name" | "phone", a: string | null, b: string | null, fold: boolean) => {
    const norm = (v: string | null) => (v === null || v.trim() === "" ? null : fold ? v.trim().toLowerCase() : v.trim());
    if (fields.has(field) && norm(a) !== norm(b)) out.push({ field, detail: `${JSON.stringify(a)} at the source, ${JSON.stringify(b)} at the target` });
  };
  text("email", source.email, target.email, true);
  text("name", source.name, target.name, false);
  text("phone", source.phone, target.phone, false);
  if (fields.has("metadata")) {
    const theirs: Record<string, JsonValue> = { ...target.metadata };
    delete theirs[SOURCE_ID_KEY];
    const keys = new Set([...Object.keys(source.metadata), ...Object.keys(theirs)]);
    const differing = [...keys].filter((k) => stable(source.metadata[k]) !== stable(theirs[k])).sort();
    if (differing.length > 0) out.push({ field: "metadata", detail: `metadata keys differ: ${differing.join(", ")}` });
  }
  if (fields.has("verified")) {
    if (source.email !== null && source.emailVerified !== target.emailVerified) out.push({ field: "verified", detail: `email verified ${source.emailVerified} at the source, ${target.emailVerified} at the target` });
    if (source.phone !== null && source.phoneVerified !== target.phoneVerified) out.push({ field: "verified", detail: `phone verified ${source.phoneVerified} at the source, ${target.phoneVerified} at the target` });
  }
  return out;
}

/** JSON with sorted keys, to compare values whatever their key order. */
function stable(value: JsonValue | undefined): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}
