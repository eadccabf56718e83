import type { AnyProvider } from "../capabilities/provider.js";
import type { JsonObject, WebhookEventType } from "../types/neutral.js";
import type { Fault } from "../testing/faults.js";
import type { TokenKind } from "../testing/mock-tokens.js";

/**
 * What a provider's test double must let the suite do: the contract every vendor fake (and the mock) meets.
 * The fake's clock and the adapter's `clock` option must be the same clock, moved by `setClock`.
 */
export interface ConformanceControls {
  /** Creates a user straight in the fake's state, as if made in the vendor's dashboard. */
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string }): Promise<{ id: string }>;
  /** Gives a user these permissions (needed when the provider declares `permissions`). */
  seedPermissions?(userId: string, permissions: readonly string[]): Promise<void>;
  /**
   * A token for the user as the vendor would hand it to a client: `valid` (with a new active session),
   * `expired`, `not_yet_valid`, or `foreign` (signed by someone the adapter must not trust).
   */
  issueToken(userId: string, options?: { kind?: TokenKind }): Promise<string>;
  /** A webhook delivery signed the vendor's way; `foreign` signs with a secret the adapter does not hold. */
  signWebhook?(event: { type: WebhookEventType; userId: string; foreign?: boolean }): Promise<{ body: string; headers: Record<string, string> }>;
  /** Sets the clock both the fake and the adapter read (epoch ms). */
  setClock(ms: number): void;
  /** The next `times` vendor calls answer with `fault`, in the vendor's own way. */
  failNext(fault: Fault, times?: number): void;
  /** Requests that reached the vendor (or its fake) so far. */
  requestCount(): number;
}

/** What `setup` returns for each test: a fresh provider wired to a fresh fake. */
export interface ConformanceSetup<P extends AnyProvider = AnyProvider> {
  provider: P;
  controls: ConformanceControls;
  /** Secrets the adapter was configured with: no error message or serialisation may contain them. */
  secrets?: readonly string[];
  teardown?(): void | Promise<void>;
}

/** Facts about the provider the suite needs; defaults suit the mock. */
export interface ConformanceFixtures {
  /** Two quotas every seeded user has, with used = 0 (needed for `quotas`). */
  quotas?: readonly [{ name: string; limit: number }, { name: string; limit: number }];
  /** The largest `limit` `users.list` accepts. */
  maxListLimit?: number;
  /** The neutral event types `signWebhook` can produce; default `["user.created"]`. */
  webhookTypes?: readonly WebhookEventType[];
  /** Whether the vendor signs a timestamp (stale deliveries must then fail); default true. */
  webhookTimestamps?: boolean;
  /** The token kinds `issueToken` can mint; default all four. */
  tokenKinds?: readonly TokenKind[];
  /**
   * Login-link lifetimes: `ttlSec` is what the test asks for (default 900 s); when the vendor fixes the
   * lifetime itself (`configurable: false`), the test asks for none and expects `ttlSec` from the fake.
   */
  loginLinks?: { ttlSec: number; configurable: boolean };
}
