import { invalidInput } from "../errors/index.js";
import type { HttpMethod } from "./types.js";

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The upper-case {@link HttpMethod} for `input` (any case); `invalid_input` for anything else. */
export function toHttpMethod(input: unknown, provider: string): HttpMethod {
  const method = typeof input === "string" ? input.toUpperCase() : "";
  if (!METHODS.has(method)) {
    throw invalidInput(`${provider}: unsupported HTTP method ${JSON.stringify(String(input))}; use one of ${[...METHODS].join(", ")}.`, { provider });
  }
  return method as HttpMethod;
}
