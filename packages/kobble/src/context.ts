import type { HttpClient } from "@authmux/core";
import type { KobbleOptions } from "./config.js";

/** What every capability module of the adapter shares. */
export interface KobbleContext {
  readonly http: HttpClient;
  readonly options: KobbleOptions;
  readonly clock: () => number;
}

/** The provider name carried by users, tokens and errors. */
export const PROVIDER = "kobble";
