import { AuthmuxError } from "../errors/authmux-error.js";

/** What webhook verifiers accept as the body: exactly the bytes received. */
export type RawBody = string | Uint8Array | ArrayBuffer | Request;

/**
 * The raw bytes of a webhook body. A parsed object is refused: re-serialising JSON changes the bytes
 * and breaks every signature, so the body must be read before any JSON middleware touches it.
 */
export async function readRawBody(body: RawBody, provider = "authmux"): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof Request !== "undefined" && body instanceof Request) {
    if (body.bodyUsed) throw new AuthmuxError("webhook_invalid", "webhook rejected: the request body was already read", { provider });
    return new Uint8Array(await body.arrayBuffer());
  }
  throw new AuthmuxError(
    "webhook_invalid",
    "webhook rejected: the body must be the raw request body (string, bytes or Request), not a parsed object — JSON parsing changes the bytes the signature covers",
    { provider },
  );
}

/**
 * A verified delivery's body as the JSON object every vendor's envelope is; anything else (not JSON, `null`, an
 * array, a number) is `webhook_invalid`, so an adapter never reads fields of a value that is not an object.
 */
export function parseWebhookJson(body: string, provider = "authmux"): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new AuthmuxError("webhook_invalid", "webhook rejected: the signed body is not JSON", { provider, cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AuthmuxError("webhook_invalid", "webhook rejected: the signed body is not a JSON object", { provider });
  return value as Record<string, unknown>;
}
