import { AuthmuxError } from "../errors/authmux-error.js";
import type { JsonObject, Session, SessionStatus, User } from "../types/neutral.js";
import { checkFault, type Fault } from "./faults.js";

/** A user as the mock stores it. */
export interface MockUserRecord {
  id: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  name: string | null;
  metadata: JsonObject;
  permissions: string[];
  /** The password's hash in `PasswordHash` notation (the mock's own: hex SHA-256, or an imported one); never part of `raw`. */
  passwordHash: string | null;
  createdAt: number;
  updatedAt: number | null;
}

/** A session as the mock stores it. */
export interface MockSessionRecord {
  id: string;
  userId: string;
  status: SessionStatus;
  createdAt: number;
  expiresAt: number;
  lastActiveAt: number;
}

/** Everything the mock holds; `reset()` replaces it whole. */
export class MockState {
  users = new Map<string, MockUserRecord>();
  sessions = new Map<string, MockSessionRecord>();
  /** Login links minted, by the token in their URL. */
  loginLinks = new Map<string, { userId: string; expiresAt: number; used: boolean }>();
  /** Ids of deleted users, so ids are never reused. */
  private counters = { user: 0, session: 0, event: 0, link: 0 };
  private faults: { fault: Fault; remaining: number }[] = [];
  requests = 0;

  constructor(private readonly provider: string) {}

  nextId(kind: keyof MockState["counters"]): string {
    const n = ++this.counters[kind];
    const prefix = { user: "user", session: "sess", event: "evt", link: "link" }[kind];
    return `${prefix}_${n.toString().padStart(6, "0")}`;
  }

  failNext(fault: Fault, times: number): void {
    checkFault(fault, times);
    this.faults.push({ fault, remaining: times });
  }

  /** Counts one call to the "vendor", then raises the next injected fault as the adapters would. */
  hit(): void {
    this.requests += 1;
    const head = this.faults[0];
    if (head) {
      head.remaining -= 1;
      if (head.remaining <= 0) this.faults.shift();
      throw faultError(this.provider, head.fault);
    }
  }

  findByEmail(email: string): MockUserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }
}

function faultError(provider: string, fault: Fault): AuthmuxError {
  switch (fault.kind) {
    case "rate_limited":
      return new AuthmuxError("rate_limited", `${provider} rate limit reached; retry after ${fault.retryAfterSec}s`, {
        provider,
        status: 429,
        retryAfter: fault.retryAfterSec,
        cause: { error: "rate_limited", retry_after: fault.retryAfterSec },
      });
    case "unavailable":
      return new AuthmuxError("provider_unavailable", `${provider} answered ${fault.status ?? 503} after retries`, {
        provider,
        status: fault.status ?? 503,
        cause: { error: "service_unavailable" },
      });
    case "auth_failed":
      return new AuthmuxError("provider_auth_failed", `${provider} rejected the configured credentials: check the secret key`, {
        provider,
        status: 401,
        cause: { error: "unauthorized" },
      });
    case "malformed_body":
      return new AuthmuxError("provider_unavailable", `${provider} answered with a body that is not the JSON its API promises`, {
        provider,
        status: 200,
        cause: { body: "<html>gateway</html>" },
      });
  }
}

/** The neutral view of a stored user; `raw` is the record without its password hash. */
export function toUser(record: MockUserRecord, provider: string): User {
  const { passwordHash: _secret, ...raw } = record;
  return {
    id: record.id,
    email: record.email,
    emailVerified: record.emailVerified,
    phone: record.phone,
    phoneVerified: record.phoneVerified,
    name: record.name,
    metadata: structuredClone(record.metadata),
    createdAt: new Date(record.createdAt),
    updatedAt: record.updatedAt === null ? null : new Date(record.updatedAt),
    provider,
    raw: structuredClone(raw),
  };
}

/** The neutral view of a stored session, with its status as of `now`. */
export function toSession(record: MockSessionRecord, provider: string, now: number): Session {
  const status = record.status === "active" && now >= record.expiresAt ? "expired" : record.status;
  return {
    id: record.id,
    userId: record.userId,
    status,
    createdAt: new Date(record.createdAt),
    expiresAt: new Date(record.expiresAt),
    lastActiveAt: new Date(record.lastActiveAt),
    provider,
    raw: { ...record, status },
  };
}

/** Hex SHA-256, to keep plain passwords out of the mock's memory. */
export async function hashPassword(password: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(password));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
