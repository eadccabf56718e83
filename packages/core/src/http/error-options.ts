import type { AuthmuxErrorOptions } from "../errors/index.js";

/** {@link AuthmuxErrorOptions} without the keys whose value is `undefined` (exactOptionalPropertyTypes). */
export function errorOptions(options: { [K in keyof AuthmuxErrorOptions]?: AuthmuxErrorOptions[K] | undefined }): AuthmuxErrorOptions {
  const out: AuthmuxErrorOptions = {};
  if (options.provider !== undefined) out.provider = options.provider;
  if (options.status !== undefined) out.status = options.status;
  if (options.retryAfter !== undefined) out.retryAfter = options.retryAfter;
  if (options.requestId !== undefined) out.requestId = options.requestId;
  if (options.cause !== undefined) out.cause = options.cause;
  if (options.secrets !== undefined) out.secrets = options.secrets;
  return out;
}
