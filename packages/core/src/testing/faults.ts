/**
 * A vendor failure to simulate, in neutral terms. Each vendor fake turns it into the vendor's own HTTP
 * answer (status, headers, error body); the mock raises the error the adapters would.
 */
export type Fault =
  /** 429 with `Retry-After: retryAfterSec`. */
  | { kind: "rate_limited"; retryAfterSec: number }
  /** 503 (or another 5xx `status`). */
  | { kind: "unavailable"; status?: number }
  /** The vendor rejects our credentials (401). */
  | { kind: "auth_failed" }
  /** A 200 whose body is not the JSON the API promises. */
  | { kind: "malformed_body" };
