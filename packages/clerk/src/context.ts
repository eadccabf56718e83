import type { HttpClient } from "@authmux/core";
import type { ClerkOptions } from "./config.js";

/** What every capability module of the adapter shares. */
export interface ClerkContext {
  readonly http: HttpClient;
  readonly options: ClerkOptions;
  readonly clock: () => number;
  /** The pinned token issuer (`https://<frontend API host>`). */
  readonly issuer: string | string[];
  /** `public_metadata` or `private_metadata`. */
  readonly metadataKey: "public_metadata" | "private_metadata";
}

/** The provider name carried by users, sessions and errors. */
export const PROVIDER = "clerk";
