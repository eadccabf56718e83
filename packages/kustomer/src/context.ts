import type { HttpClient } from "@authmux/core";
import type { KustomerOptions } from "./config.js";
import type { MetadataCodec } from "./custom-attributes.js";

/** What every capability module of the adapter shares. */
export interface KustomerContext {
  readonly http: HttpClient;
  readonly options: KustomerOptions;
  readonly clock: () => number;
  /** Neutral metadata ↔ the org's custom attributes. */
  readonly metadata: MetadataCodec;
  /** The chat login secret: the option, or fetched once. */
  readonly chatSecret: () => Promise<string>;
}

/** The provider name carried by users, tokens and errors. */
export const PROVIDER = "kustomer";
