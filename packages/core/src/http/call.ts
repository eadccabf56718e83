import type { HeaderRecord, HttpMethod } from "./types.js";

/** What one `request()` call knows about itself, for building its errors. */
export interface CallRecord {
  readonly method: HttpMethod;
  /** The path without its query string. */
  readonly path: string;
  /** The headers sent; credential values among them are redacted from messages. */
  readonly headers: HeaderRecord;
  /** Attempts that reached `fetch`, retries included. */
  attempts: number;
  /** The body text of the last response, read inside the attempt so the timeout covers it. */
  text: string;
  /** What the caller asked to keep out of every message and cause. */
  readonly secrets: readonly string[];
}
