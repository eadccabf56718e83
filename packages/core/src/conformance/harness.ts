import type { AnyProvider } from "../capabilities/provider.js";
import type { JsonObject, WebhookEventType } from "../types/neutral.js";
import type { Fault } from "../testing/faults.js";
import type { TokenKind } from "../testing/mock-tokens.js";

/** A user as the fake (or the mock) itself stores it, in neutral terms: what the suite checks every write against. */
export interface StoredUser {
  /** The user's id at the vendor. */
  id: string;
  /** The primary email address. */
  email: string | null;
  /** The full name as the vendor would display it (Clerk's first and last name joined, …). */
  name: string | null;
  /** The primary phone number. */
  phone: string | null;
  /** The metadata bag the neutral `metadata` maps to. */
  metadata: JsonObject;
}

/** The session behind a token, as the fake stores it. */
export interface StoredSession {
  /** The session's user. */
  userId: string;
  /** False once revoked, ended or expired at the vendor. */
  active: boolean;
}

/**
 * What a provider's test double must let the suite do: the contract every vendor fake (and the mock) meets.
 * Reads (`peek…`, `redeemLoginLink`) go to the double's own state, never through the adapter under test,
 * so an adapter whose reads and writes are wrong the same way still fails. The fake's clock and the
 * adapter's `clock` option must be the same clock, moved by `setClock`.
 */
export interface ConformanceControls {
  /** Creates a user straight in the fake's state, as if made in the vendor's dashboard. */
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string }): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** Gives a user these permissions (needed when the provider declares `permissions`). */
  seedPermissions?(userId: string, permissions: readonly string[]): Promise<void>;
  /**
   * A token for the user as the vendor would hand it to a client: `valid` (with a new active session),
   * `expired`, `not_yet_valid`, or `foreign` (signed by someone the adapter must not trust).
   */
  issueToken(userId: string, options?: { kind?: TokenKind }): Promise<string>;
  /** A webhook delivery signed the vendor's way; `foreign` signs with a secret the adapter does not hold. */
  signWebhook?(event: {
    /** The neutral event type. */
    type: WebhookEventType;
    /** The user it is about. */
    userId: string;
    /** Sign with a secret the adapter does not hold. */
    foreign?: boolean;
    /**
     * This exact body, signed as a delivery of the event would be, instead of the one the fake builds: a payload
     * the vendor could send that the adapter must survive.
     */
    body?: string;
  }): Promise<{
    /** The raw body. */
    body: string;
    /** The signature headers. */
    headers: Record<string, string>;
  }>;
  /** Sets the clock both the fake and the adapter read (epoch ms). */
  setClock(ms: number): void;
  /** The next `times` vendor calls answer with `fault`, in the vendor's own way. */
  failNext(fault: Fault, times?: number): void;
  /** Requests that reached the vendor (or its fake) so far, faulted ones included. */
  requestCount(): number;
  /** The user with this id (or email) from the fake's own state; `null` when it holds none. */
  peekUser(ref: string | { email: string }): Promise<StoredUser | null>;
  /** The session behind a token `issueToken` minted, from the fake's own state (needed with `sessions.revoke`). */
  peekSession?(token: string): Promise<StoredSession | null>;
  /**
   * Opens a login link at the fake as a browser would (needed with `loginLinks`): the user it signs in.
   * Rejects when the link signs nobody in: not one the vendor minted, used already, or expired.
   */
  redeemLoginLink?(url: string): Promise<{
    /** The user the link signed in. */
    userId: string;
  }>;
  /** A quota's usage from the fake's own state (needed with `quotas`); `null` when the user has no such quota. */
  peekQuota?(userId: string, name: string): Promise<{
    /** The usage the fake holds. */
    used: number;
  } | null>;
}

/** What `setup` returns for each test: a fresh provider wired to a fresh fake. */
export interface ConformanceSetup<P extends AnyProvider = AnyProvider> {
  /** The provider under test. */
  provider: P;
  /** The controls of the double it talks to. */
  controls: ConformanceControls;
  /** Secrets the adapter was configured with: no error message or serialisation may contain them. */
  secrets?: readonly string[];
  /** Runs after the test (closing servers, restoring globals). */
  teardown?(): void | Promise<void>;
}

/** Facts about the provider the suite needs; defaults suit the mock. */
export interface ConformanceFixtures {
  /** Two quotas every seeded user has, with used = 0 (needed for `quotas`). */
  quotas?: readonly [{
    /** The quota's name. */
    name: string;
    /** Its limit. */
    limit: number;
  }, {
    /** The quota's name. */
    name: string;
    /** Its limit. */
    limit: number;
  }];
  /** The largest `limit` `users.list` accepts. */
  maxListLimit?: number;
  /** The neutral event types `signWebhook` can produce; default `["user.created"]`. */
  webhookTypes?: readonly WebhookEventType[];
  /**
   * Login-link lifetimes: `ttlSec` is what the test asks for (default 900 s); when the vendor fixes the
   * lifetime itself (`configurable: false`), the test asks for none and expects `ttlSec` from the fake.
   */
  loginLinks?: {
    /** The lifetime in seconds. */
    ttlSec: number;
    /** Whether the caller chooses the lifetime. */
    configurable: boolean;
  };
  /** The `retry.limit` the setup gave the adapter: a read under a lasting 5xx is sent exactly this many times more. Default 0. */
  retryLimit?: number;
}
