import { redact } from "../util/redact.js";
import type { ErrorCode } from "./codes.js";

/** Everything an {@link AuthmuxError} carries besides its code and message. */
export interface AuthmuxErrorOptions {
  /** Which provider raised it (`"clerk"`, `"mock"`, …); `"authmux"` for our own validation. */
  provider?: string;
  /** The vendor's HTTP status, when the error came from a response. */
  status?: number;
  /** Seconds to wait before trying again (rate limits). */
  retryAfter?: number;
  /** The vendor's request id, for support tickets. */
  requestId?: string;
  /** The original error: the vendor's parsed body, a zod error, a network error. Never printed. */
  cause?: unknown;
  /** Secret values the message must never contain; they are redacted from it. */
  secrets?: Iterable<string>;
}

// A registry-wide symbol, so the guard recognises errors from a second copy of this package.
const BRAND = Symbol.for("authmux.error");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * The one error class of authmux. Branch on `code`; `cause` holds the vendor's original error.
 *
 * The message is redacted of known secrets and credential-shaped strings when built, and
 * `toString`, `toJSON` and Node's `util.inspect` never show `cause`, which may echo secrets.
 *
 * @example
 * try { await auth.users.create({ email }) }
 * catch (e) { if (isAuthmuxError(e) && e.code === "conflict") return reply(409) ; throw e }
 */
export class AuthmuxError extends Error {
  /** What went wrong, as a stable code: branch on it, never on the message. */
  readonly code: ErrorCode;
  /** Which provider raised it (`"clerk"`, `"mock"`, …); `"authmux"` for our own validation. */
  readonly provider: string;
  /** The vendor's HTTP status, when the error came from a response. */
  readonly status: number | undefined;
  /** Seconds to wait before trying again (`rate_limited`, `quota_exceeded`), when known. */
  readonly retryAfter: number | undefined;
  /** The vendor's request id, for support tickets. */
  readonly requestId: string | undefined;
  /** The original error (the vendor's parsed body, a zod error, a network error); not enumerable, never printed. */
  declare readonly cause: unknown;

  constructor(code: ErrorCode, message: string, options: AuthmuxErrorOptions = {}) {
    super(redact(message, options.secrets));
    this.code = code;
    this.provider = options.provider ?? "authmux";
    this.status = options.status;
    this.retryAfter = options.retryAfter;
    this.requestId = options.requestId;
    // Not enumerable: util.inspect, structured loggers and spreads skip it.
    Object.defineProperty(this, "cause", { value: options.cause, enumerable: false, writable: false, configurable: true });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  // On the prototype (not a field), so the stack V8 captures in super() already says "AuthmuxError".
  /** Always `"AuthmuxError"`. */
  override get name(): string {
    return "AuthmuxError";
  }

  /** A serialisable summary without `cause`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message, provider: this.provider };
    if (this.status !== undefined) out.status = this.status;
    if (this.retryAfter !== undefined) out.retryAfter = this.retryAfter;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    return out;
  }

  /** `AuthmuxError [code] (provider): message`, without `cause`. */
  override toString(): string {
    return `${this.name} [${this.code}] (${this.provider}): ${this.message}`;
  }

  /** Node's `util.inspect` and `console.log` show this instead of the own properties. */
  [INSPECT](): string {
    const extra = Object.entries(this.toJSON())
      .filter(([k]) => !["name", "code", "message", "provider"].includes(k))
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    const head = this.toString() + (extra.length ? ` { ${extra.join(", ")} }` : "");
    const frames = (this.stack ?? "").split("\n").slice(1).join("\n");
    return frames ? `${head}\n${frames}` : head;
  }
}

/** True for an {@link AuthmuxError}, also one thrown by another copy of `@authmux/core`. */
export function isAuthmuxError(value: unknown): value is AuthmuxError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Shorthand for an `invalid_input` error raised before any network call. */
export function invalidInput(message: string, options: AuthmuxErrorOptions = {}): AuthmuxError {
  return new AuthmuxError("invalid_input", message, options);
}
