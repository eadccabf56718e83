import type { JsonObject } from "@authmux/core";

/** A user as the fake stores it (Kobble's wire fields). */
export interface FakeUser {
  id: string;
  email: string | null;
  name: string | null;
  phoneNumber: string | null;
  createdAt: string;
  /** Kobble's one verification flag: an email or a phone number marked verified. */
  isVerified: boolean;
  metadata: JsonObject;
  permissions: string[];
  quotas: Map<string, { usage: number; limit: number | null }>;
}

/** A quota every new user's product has. */
export interface FakeQuotaDefinition {
  /** The quota's name. */
  name: string;
  /** Its limit; `null` = unlimited. */
  limit: number | null;
}

/** A login link minted, by the token in its URL. */
export interface FakeLoginLink {
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** The fake's whole state; `reset()` replaces it, `snapshot()`/`restore()` carry it across runs. */
export class FakeState {
  users = new Map<string, FakeUser>();
  /** Login links minted, by the token in their URL. */
  loginLinks = new Map<string, FakeLoginLink>();
  private counter = 0;

  /** The state as plain JSON (quota maps as objects). */
  snapshot(): JsonObject {
    const users = [...this.users.values()].map((u) => ({ ...u, metadata: structuredClone(u.metadata), permissions: [...u.permissions], quotas: Object.fromEntries([...u.quotas].map(([name, q]) => [name, { ...q }])) }));
    const loginLinks = Object.fromEntries([...this.loginLinks].map(([token, link]) => [token, { ...link }]));
    return structuredClone({ counter: this.counter, users, loginLinks }) as unknown as JsonObject;
  }

  /** A state from {@link snapshot}'s JSON; a malformed one throws. */
  static restore(json: JsonObject): FakeState {
    const { counter, users, loginLinks } = json as unknown as { counter: number; users: (Omit<FakeUser, "quotas"> & { quotas: Record<string, { usage: number; limit: number | null }> })[]; loginLinks: Record<string, FakeLoginLink> };
    if (!Number.isInteger(counter) || !Array.isArray(users) || typeof loginLinks !== "object" || loginLinks === null) throw new TypeError("not a Kobble fake snapshot: counter, users and loginLinks are required");
    const state = new FakeState();
    state.counter = counter;
    for (const u of structuredClone(users)) state.users.set(u.id, { ...u, quotas: new Map(Object.entries(u.quotas)) });
    for (const [token, link] of Object.entries(structuredClone(loginLinks))) state.loginLinks.set(token, link);
    return state;
  }

  /** Deterministic cuid-shaped ids: 25 characters starting with `c`, as Kobble's. */
  nextId(): string {
    this.counter += 1;
    return `c${this.counter.toString(36).padStart(24, "0")}`;
  }

  byEmail(email: string): FakeUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user;
    return undefined;
  }

  byPhone(phone: string): FakeUser | undefined {
    for (const user of this.users.values()) if (user.phoneNumber === phone) return user;
    return undefined;
  }
}

/** The wire form of a user, with metadata only when asked for (as Kobble's `includeMetadata`). */
export function wireUserOf(user: FakeUser, includeMetadata: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt,
    isVerified: user.isVerified,
    metadata: includeMetadata ? structuredClone(user.metadata) : null,
  };
  if (user.phoneNumber !== null) out.phoneNumber = user.phoneNumber;
  return out;
}
