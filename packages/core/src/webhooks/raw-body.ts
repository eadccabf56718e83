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
