import type { Input, KyInstance, TimeoutError } from "ky";
import { invalidInput } from "../errors/index.js";
import type { CallRecord } from "./call.js";
import { resolveHttpClientConfig } from "./client-config.js";
import { requestHeaders } from "./headers.js";
import { toHttpMethod } from "./method.js";
import { responseData } from "./response-body.js";
import { responseError } from "./response-error.js";
import { IDEMPOTENT_METHODS, isHttpError, kyRetryOptions } from "./retry-policy.js";
import { transportError } from "./transport-error.js";
import type { FetchFunction, HttpClient, HttpClientOptions, HttpRequest, HttpRequestOptions, HttpResponse } from "./types.js";
import { buildUrl, pathOnly } from "./url.js";
import { checkRequestPath, pathTemplate } from "./path.js";
import { CallObserver } from "../observability/call-observer.js";
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

  // The first attempt of every call is sent directly (one Request, one timer); ky takes over only when it did
  // not answer 2xx: ky then replays that outcome as its own first attempt, so whether, when and how often to
  // retry (backoff, jitter, Retry-After, network errors, timeouts) is decided by ky exactly as if ky had sent
  // it. Its two instances are built once (per-call `extend` or retry options would cost a deep merge each).
  // ky is loaded when the client is made, in the background (importing the package does not load it), so
  // a first failure finds it ready and its Retry-After wait starts from the answer that asked for it.
  const kyInstances = import("ky").then(({ default: ky, TimeoutError }) => ({
    TimeoutError,
    retrying: ky.create({
      timeout: config.timeoutMs,
      retry: kyRetryOptions({ limit: config.retryLimit, backoffLimitMs: config.backoffLimitMs, maxRetryAfterMs: config.maxRetryAfterMs }),
    }),
    once: ky.create({ timeout: config.timeoutMs, retry: 0 }),
  }));
  // A failed load surfaces on the call that needs ky, not as an unhandled rejection.
  kyInstances.catch(() => undefined);
  const fetchFor = (): FetchFunction => config.fetch ?? globalThis.fetch;

  async function request(methodInput: string, path: string, callOptions: HttpRequestOptions = {}): Promise<HttpResponse<unknown>> {
    const method = toHttpMethod(methodInput, provider);
    if (typeof path !== "string") throw invalidInput(`${provider}: the request path must be a string.`, { provider });
    checkRequestPath(path, provider);
    const { query, body: payload, schema } = callOptions;
    const hasBody = payload !== undefined;
    if (hasBody && (method === "GET" || method === "HEAD")) {
      throw invalidInput(`${provider}: a ${method} request cannot carry a body; pass the values as query.`, { provider });
    }
    // Hooks see this call only when given; made before the first await (it reads the running capability).
    const observer = config.hooks === undefined ? undefined : new CallObserver(config.hooks, provider, method, pathTemplate(path));
    const url = buildUrl(baseUrl, path, query);
    const body = hasBody ? serialize(payload, provider) : null;
    const dynamic = config.dynamicHeaders === undefined ? undefined : await config.dynamicHeaders();
    const headers = requestHeaders(config.staticHeaders, dynamic, callOptions.headers, hasBody);
    const call: CallRecord = { method, path: pathOnly(path), headers, attempts: 0, text: "", secrets: callOptions.secrets ?? [] };

    // One attempt: the body is read inside the timeout, which would otherwise stop at the response headers
    // and leave a stalled body unbounded. Headers and body never pass through a Request of ky's, so nothing
    // copies or tees them.
    const send = async (signal: AbortSignal): Promise<Response> => {
      call.attempts += 1;
      observer?.start();
      let response: Response | undefined;
      try {
        response = await fetchFor()(url, { method, headers, body, signal });
        call.text = await readBody(response, config.maxResponseBytes);
      } catch (error) {
        observer?.end(response?.status, signal.aborted ? "timeout" : "network");
        throw error;
      }
      observer?.end(response.status, undefined);
      return response.status === 503 ? withoutRateLimitHeaders(response) : response;
    };

    const first = await firstAttempt(send, config.timeoutMs);
    if ("response" in first && first.response.ok) {
      observer?.finish();
      return { data: responseData(config, first.response, call, schema), status: first.response.status, headers: first.response.headers };
    }
    // A first attempt cut by its timer ended then, whether or not its fetch ever settles.
    if ("error" in first && first.timedOut) observer?.end(undefined, "timeout");

    const { retrying, once, TimeoutError } = await kyInstances;
    let replayed = false;
    // ky's `fetch` option: ky builds the Request (URL, method and the signal its timeout aborts); its first
    // call answers with the outcome of the direct attempt, later ones are ky's retries.
    const attempt = async (input: Input): Promise<Response> => {
      if (!replayed) {
        replayed = true;
        if ("error" in first) throw first.timedOut ? new TimeoutError(input instanceof Request ? input : new Request(url, { method })) : first.error;
        return first.response;
      }
      observer?.retry();
      return send(input instanceof Request ? input.signal : new AbortController().signal);
    };

    let response: Response;
    try {
      response = await ((callOptions.idempotent ?? IDEMPOTENT_METHODS.has(method)) ? retrying : once)(url, { method, fetch: attempt });
    } catch (error) {
      observer?.finish(error instanceof TimeoutError ? "timeout" : "network");
      if (!isHttpError(error)) throw transportError(config, error, call);
      // A retried removal that finds nothing to remove: the failed first attempt went through (it committed,
      // then the connection dropped), so the call did what was asked.
      if (error.response.status === 404 && call.attempts > 1 && (callOptions.removal ?? method === "DELETE")) {
        return { data: undefined, status: 404, headers: error.response.headers };
      }
      throw responseError(config, error.response, call);
    }
    observer?.finish();
    return { data: responseData(config, response, call, schema), status: response.status, headers: response.headers };
  }

  return Object.freeze({ provider, baseUrl, request: request as HttpRequest });
}

type Outcome = { response: Response } | { error: unknown; timedOut: boolean };

/**
 * Sends one attempt under `timeoutMs` (covering the headers and the body); never throws. A timeout aborts the
 * request and is reported as such, for ky to turn into its TimeoutError as its own timer would have.
 */
function firstAttempt(send: (signal: AbortSignal) => Promise<Response>, timeoutMs: number): Promise<Outcome> {
  const controller = new AbortController();
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      controller.abort();
      resolve({ error: undefined, timedOut: true });
    }, timeoutMs);
    send(controller.signal).then(
      (response) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ response });
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ error, timedOut: false });
      },
    );
  });
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
