/** Thrown inside an attempt when the vendor's answer is larger than the client accepts; never retried. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response is larger than ${limit} bytes`);
  }
  override get name(): string {
    return "ResponseTooLargeError";
  }
}

/**
 * The body of `response` as text, refusing more than `limit` bytes: a `Content-Length` over the limit is
 * refused before reading, and a body without one is read until it passes the limit, then cancelled, so a
 * huge or endless answer is never buffered whole.
 */
export async function readTextCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(limit);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
