import type { HttpClientConfig } from "./client-config.js";
import type { CallRecord } from "./call.js";
import { headerSecrets } from "./headers.js";

/** Everything to redact from the messages of one call: the configured secrets and the credentials it sent. */
export function callSecrets(config: HttpClientConfig, call: CallRecord): string[] {
  return [...config.secrets, ...headerSecrets(call.headers), ...call.secrets];
}
