import type { HttpClient } from "@authmux/core";
import type { StytchOptions } from "./config.js";

/** What every capability module of the adapter shares. */
export interface StytchContext {
  readonly http: HttpClient;
  readonly options: StytchOptions;
  readonly clock: () => number;
}

/** The provider name carried by users, sessions and errors. */
export const PROVIDER = "stytch";
