import { AuthmuxError } from "../errors/index.js";
import type { CallRecord } from "./call.js";
import type { HttpClientConfig } from "./client-config.js";
import { callSecrets } from "./secrets.js";
import { ResponseTooLargeError } from "./response-size.js";
import { isTimeoutError } from "./retry-policy.js";

/**
 * A call that got no complete response: ky's timeout, or a network failure (refused connection, DNS,
 * reset, a `fetch` that threw). Always `provider_unavailable`, with the underlying error as `cause`.
 */
export function transportError(config: HttpClientConfig, error: unknown, call: CallRecord): AuthmuxError {
  const { provider } = config;
  const what = `${call.method} ${call.path}`;
  const options = { provider, cause: error, secrets: callSecrets(config, call) };
  if (error instanceof ResponseTooLargeError) {
    return new AuthmuxError(
      "provider_unavailable",
      `${provider}: ${what} answered with a response too large (over ${error.limit} bytes); it was not read (raise maxResponseBytes if this answer is expected to be that large).`,
      options,
    );
  }
  if (isTimeoutError(error)) {
    return new AuthmuxError(
      "provider_unavailable",
      `${provider}: ${what} timed out after ${config.timeoutMs} ms without a complete response; the vendor is slow or unreachable (raise timeoutMs if this call is known to be slow).`,
      options,
    );
  }
  const tries = call.attempts > 1 ? ` after ${call.attempts} attempts` : "";
  return new AuthmuxError(
    "provider_unavailable",
    `${provider}: network error on ${what}${tries} (${describe(error)}); check baseUrl and the connection to the vendor.`,
    options,
  );
}

// undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND, …) as its cause.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `${error.message}: ${code}` : error.message;
}
