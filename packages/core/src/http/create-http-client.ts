import ky, { isHTTPError, type Input } from "ky";
import { invalidInput } from "../errors/index.js";
import type { CallRecord } from "./call.js";
import { resolveHttpClientConfig } from "./client-config.js";
import { requestHeaders } from "./headers.js";
import { toHttpMethod } from "./method.js";
import { responseData } from "./response-body.js";
import { responseError } from "./response-error.js";
import { IDEMPOTENT_METHODS, kyRetryOptions } from "./retry-policy.js";
import { transportError } from "./transport-error.js";
import type { HttpClient, HttpClientOptions, HttpRequest, HttpRequestOptions, HttpResponse } from "./types.js";
import { buildUrl, pathOnly } from "./url.js";
import { checkRequestPath } from "./path.js";
import { RATE_LIMIT_HEADERS } from "./retry-after.js";
import { readTextCapped } from "./response-size.js";

/**
 * Creates the HTTP client a vendor adapter talks to its API with: base URL, auth headers, JSON, ky's
 * per-attempt timeout and its retries (idempotent calls only, exponential backoff with jitter, `Retry-After`
 * up to a cap), and every failure as an {@link AuthmuxError}. Nothing is sent until `request` is called.
 *
 * @example
 * const http = createHttpClient({
 *   provider: "kobble",
 *   baseUrl: "https://sdk.kobble.io",
 *   headers: { "kobble-api-key": secretKey },
 *   secrets: [secretKey],
 *   mapError: toAuthmuxError,
 * });
 * const { data: user } = await http.request("GET", `/v1/users/${encodeURIComponent(id)}`, { schema: wireUser });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const config = resolveHttpClientConfig(options);
  const { provider, baseUrl } = config;

  // Two ky instances, built once: per-call `extend` or per-call retry options would cost a deep merge
  // on every request. Whether a call may be repeated only selects the instance.
  const retrying = ky.create({
    timeout: config.timeoutMs,
    retry: kyRetryOptions({ limit: config.retryLimit, backoffLimitMs: config.backoffLimitMs, maxRetryAfterMs: config.maxRetryAfterMs }),
  });
  const once = ky.create({ timeout: config.timeoutMs, retry: 0 });

  async function request(methodInput: string, path: string, callOptions: HttpRequestOptions = {}): Promise<HttpResponse<unknown>> {
    const method = toHttpMethod(methodInput, provider);
    if (typeof path !== "string") throw invalidInput(`${provider}: the request path must be a string.`, { provider });
    checkRequestPath(path, provider);
    const { query, body: payload, schema } = callOptions;
    const hasBody = payload !== undefined;
    if (hasBody && (method === "GET" || method === "HEAD")) {
      throw invalidInput(`${provider}: a ${method} request cannot carry a body; pass the values as query.`, { provider });
    }
    const url = buildUrl(baseUrl, path, query);
    const body = hasBody ? serialize(payload, provider) : null;
    const dynamic = config.dynamicHeaders === undefined ? undefined : await config.dynamicHeaders();
    const headers = requestHeaders(config.staticHeaders, dynamic, callOptions.headers, hasBody);
    const call: CallRecord = { method, path: pathOnly(path), headers, attempts: 0, text: "", secrets: callOptions.secrets ?? [] };
    const customFetch = config.fetch;

    // ky's `fetch` option: ky builds the Request (URL, method and the signal its timeout aborts) and retries;
    // this sends it. Headers and body stay out of ky's Request so ky neither copies nor tees them on its
    // per-attempt clone, and the body is read here, inside ky's timeout, which would otherwise stop at
    // the response headers and leave a stalled body unbounded.
    const attempt = async (input: Input): Promise<Response> => {
      call.attempts += 1;
      const signal = input instanceof Request ? input.signal : null;
      const response = await (customFetch ?? globalThis.fetch)(url, { method, headers, body, signal });
      call.text = await readBody(response, config.maxResponseBytes);
      return response.status === 503 ? withoutRateLimitHeaders(response) : response;
    };

    let response: Response;
    try {
      response = await ((callOptions.idempotent ?? IDEMPOTENT_METHODS.has(method)) ? retrying : once)(url, { method, fetch: attempt });
    } catch (error) {
      if (!isHTTPError(error)) throw transportError(config, error, call);
      // A retried removal that finds nothing to remove: the failed first attempt went through (it committed,
      // then the connection dropped), so the call did what was asked.
      if (error.response.status === 404 && call.attempts > 1 && (callOptions.removal ?? method === "DELETE")) {
        return { data: undefined, status: 404, headers: error.response.headers };
      }
      throw responseError(config, error.response, call);
    }
    return { data: responseData(config, response, call, schema), status: response.status, headers: response.headers };
  }

  return Object.freeze({ provider, baseUrl, request: request as HttpRequest });
}

// A declared length within the cap is read natively; otherwise (or when compressed, where the length is the
// compressed one) the stream is read and cut at the cap.
function readBody(response: Response, limit: number): Promise<string> {
  const declared = response.headers.get("content-length");
  const plain = declared !== null && Number(declared) <= limit && !response.headers.has("content-encoding");
  return plain ? response.text() : readTextCapped(response, limit);
}

/**
 * ky waits for rate-limit reset headers on a 503 as on a 429; a vendor that sends its rate window on every
 * answer would then stretch an outage's retries to the window's end. A 503 keeps `Retry-After` only.
 */
function withoutRateLimitHeaders(response: Response): Response {
  if (!RATE_LIMIT_HEADERS.some((name) => response.headers.has(name))) return response;
  const headers = new Headers(response.headers);
  for (const name of RATE_LIMIT_HEADERS) headers.delete(name);
  return new Response(null, { status: response.status, statusText: response.statusText, headers });
}

function serialize(payload: unknown, provider: string): string {
  try {
    return JSON.stringify(payload);
  } catch (error) {
    throw invalidInput(`${provider}: the request body cannot be serialised as JSON.`, { provider, cause: error });
  }
}
