import type { HttpClient, HttpRequest } from "@authmux/core";
import type { ParsedOptions } from "./config.js";
import type { TokenChecker } from "./token-check.js";

/** What every capability module of the adapter shares. */
export interface ConnectyCubeContext {
  /** The bare client: calls that carry their own credentials (session creation, signup, user tokens, admin key). */
  readonly http: HttpClient;
  /** Calls made with the adapter's application session, renewed when ConnectyCube has dropped it. */
  readonly app: HttpRequest;
  /** `GET /session` for user tokens, single-flight and briefly cached. */
  readonly tokens: TokenChecker;
  readonly options: ParsedOptions;
  readonly clock: () => number;
}
