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

/** The provider name carried by users, sessions and errors. */
export const PROVIDER = "connectycube";

/** A session lives two hours after its last request (vendors/connectycube.md §1). */
export const SESSION_TTL_MS = 2 * 3600_000;
