/**
 * A vendor failure to simulate, in neutral terms. Each vendor fake turns it into the vendor's own HTTP
 * answer (status, headers, error body); the mock raises the error the adapters would.
 */
export type Fault =
  /** 429 with `Retry-After: retryAfterSec`. */
  | { /** Rate limited. */ kind: "rate_limited"; /** The `Retry-After` the vendor sends, in seconds. */ retryAfterSec: number }
  /** 503 (or another 5xx `status`). */
  | { /** Unavailable. */ kind: "unavailable"; /** The 5xx status; default 503. */ status?: number }
  /** The vendor rejects our credentials (401). */
  | { /** Our credentials rejected. */ kind: "auth_failed" }
  /** A 200 whose body is not the JSON the API promises. */
  | { /** A body that breaks the API's promise. */ kind: "malformed_body" };
