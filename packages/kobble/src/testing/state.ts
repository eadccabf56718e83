import type { JsonObject } from "@authmux/core";

/** A user as the fake stores it (Kobble's wire fields). */
export interface FakeUser {
  id: string;
  email: string | null;
  name: string | null;
  phoneNumber: string | null;
  createdAt: string;
  isVerified: boolean;
  metadata: JsonObject;
  permissions: string[];
  quotas: Map<string, { usage: number; limit: number | null }>;
}

/** A quota every new user's product has. */
export interface FakeQuotaDefinition {
  name: string;
  limit: number | null;
}

/** The fake's whole state; `reset()` replaces it. */
export class FakeState {
  users = new Map<string, FakeUser>();
  /** Login links minted, by the token in their URL. */
  loginLinks = new Map<string, { userId: string; expiresAt: number; used: boolean }>();
  private counter = 0;

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
