/**
 * A vendor failure to simulate, in neutral terms. Each vendor fake turns it into the vendor's own HTTP
 * answer (status, headers, error body); the mock raises the error the adapters would.
 */
export type Fault =
  /** 429 with `Retry-After: retryAfterSec`. */
  | {
    /** Rate limited. */
    kind: "rate_limited";
    /** The `Retry-After` the vendor sends, in seconds. */
    retryAfterSec: number;
  }
  /** 503 (or another 5xx `status`). */
  | {
    /** Unavailable. */
    kind: "unavailable";
    /** The 5xx status; default 503. */
    status?: number;
  }
  /** The vendor rejects our credentials (401). */
  | {
    /** Our credentials rejected. */
    kind: "auth_failed";
  }
  /** A 200 whose body is not the JSON the API promises. */
  | {
    /** A body that breaks the API's promise. */
    kind: "malformed_body";
  };

const FAULT_KINDS = ["rate_limited", "unavailable", "auth_failed", "malformed_body"];

/**
 * Refuses a fault the fakes would not simulate as written (an unknown `kind`, a 5xx status that is not one, a
 * negative `Retry-After`, a count that is not a whole number ≥ 1): a test's typo must fail, not inject
 * something else.
 */
export function checkFault(fault: Fault, times: number): void {
  const f = fault as { kind?: unknown; status?: unknown; retryAfterSec?: unknown } | null;
  if (typeof f !== "object" || f === null || !FAULT_KINDS.includes(String(f.kind))) {
    throw new TypeError(`failNext needs a fault with kind ${FAULT_KINDS.map((k) => `"${k}"`).join(", ")}`);
  }
  if (f.kind === "unavailable" && f.status !== undefined && !(Number.isInteger(f.status) && (f.status as number) >= 500 && (f.status as number) <= 599)) {
    throw new TypeError("failNext: an unavailable fault's status must be a 5xx status");
  }
  if (f.kind === "rate_limited" && !(typeof f.retryAfterSec === "number" && f.retryAfterSec >= 0)) {
    throw new TypeError("failNext: a rate_limited fault needs retryAfterSec, a number of seconds ≥ 0");
  }
  if (!(Number.isInteger(times) && times >= 1)) throw new TypeError("failNext: times must be a whole number, 1 or more");
}
