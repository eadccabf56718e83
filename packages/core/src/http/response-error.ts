import { redactDeep } from "../util/redact.js";
import { AuthmuxError, isAuthmuxError } from "../errors/index.js";
import type { CallRecord } from "./call.js";
import type { HttpClientConfig } from "./client-config.js";
import { defaultErrorMapper } from "./default-error-mapper.js";
import { errorOptions } from "./error-options.js";
import { retryAfterSeconds } from "./retry-after.js";
import { callSecrets } from "./secrets.js";
import type { HttpErrorContext } from "./types.js";

/**
 * Translates a non-2xx response (after ky's retries) into an {@link AuthmuxError}: the adapter's mapper
 * first, the default mapping by status otherwise. The vendor body is the `cause` unless the mapper chose
 * another, and no configured secret or sent credential survives in the message.
 */
export function responseError(config: HttpClientConfig, response: Response, call: CallRecord): AuthmuxError {
  const { provider } = config;
  const { status, headers } = response;
  const secrets = callSecrets(config, call);
  // The vendor's body stays the `cause`, without what it echoes of our credentials or the caller's secrets.
  const body = redactDeep(parseErrorBody(call.text), secrets);
  const requestId = config.requestIdHeader === undefined ? undefined : (headers.get(config.requestIdHeader) ?? undefined);
  const retryAfter = retryAfterSeconds(headers, config.clock(), status);

  const context: HttpErrorContext = {
    provider,
    status,
    headers,
    body,
    method: call.method,
    path: call.path,
    requestId,
    retryAfter,
    attempts: call.attempts,
    error: (code, message, overrides = {}) =>
      new AuthmuxError(
        code,
        message,
        errorOptions({
          provider,
          status,
          requestId: "requestId" in overrides ? overrides.requestId : requestId,
          retryAfter: "retryAfter" in overrides ? overrides.retryAfter : retryAfter,
          cause: "cause" in overrides ? redactDeep(overrides.cause, secrets) : body,
          secrets,
        }),
      ),
  };

  const mapped = config.mapError?.(context);
  if (mapped === undefined || !isAuthmuxError(mapped)) return defaultErrorMapper(context);
  // A mapper may build its error by hand: quote the vendor without passing the secrets, or drop or replace
  // the body. The invariants are restored here, once for every adapter: the message and the cause redacted,
  // the vendor body kept as cause when the mapper gave none.
  return new AuthmuxError(
    mapped.code,
    mapped.message,
    errorOptions({
      provider: mapped.provider,
      status: mapped.status,
      retryAfter: mapped.retryAfter,
      requestId: mapped.requestId,
      cause: redactDeep(mapped.cause ?? body, secrets),
      secrets,
    }),
  );
}

/** The error body as the mapper sees it: JSON when it parses, else the text, else `undefined`. */
function parseErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
