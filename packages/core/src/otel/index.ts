/**
 * OpenTelemetry for authmux: {@link openTelemetryHooks} makes the `hooks` option of any provider emit spans.
 * Needs `@opentelemetry/api` (an optional peer dependency of `@authmux/core`); without a registered SDK the
 * API's no-op tracer makes the spans cost next to nothing.
 *
 * @packageDocumentation
 */
import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer, type TracerProvider, trace } from "@opentelemetry/api";
import type { JwksFetchHookEvent, ProviderHooks, ResponseHookEvent, VerifyHookEvent } from "../observability/hooks.js";

/** Options of {@link openTelemetryHooks}. */
export interface OpenTelemetryHooksOptions {
  /** The tracer to use; default one named `@authmux/core` from `tracerProvider`. */
  tracer?: Tracer | undefined;
  /**
   * Where the default tracer comes from; default the global provider, through the API's proxy tracer (an SDK
   * registered after the provider was built is still used).
   */
  tracerProvider?: TracerProvider | undefined;
}

/** The attribute names the spans carry, besides OpenTelemetry's HTTP ones. */
export const AUTHMUX_ATTRIBUTES = {
  /** The provider's name. */
  provider: "authmux.provider",
  /** The capability called (`users.read`). */
  capability: "authmux.capability",
  /** The member called (`users.get`). */
  member: "authmux.member",
  /** Retries of a vendor call (attempts − 1). */
  retries: "authmux.retries",
  /** Whether a verification was answered from the cache of verified tokens. */
  cacheHit: "authmux.cache_hit",
  /** `ok`, or the error code of a refused verification. */
  outcome: "authmux.outcome",
  /** How many keys a fetched key set held. */
  jwksKeys: "authmux.jwks.keys",
} as const;

// Calls whose last attempt never reported (it cannot happen, but a leak must not either) are dropped past this.
const MAX_OPEN_SPANS = 10_000;
const TRACER_NAME = "@authmux/core";

/**
 * Hooks that trace authmux with OpenTelemetry, to pass as a provider's `hooks` option:
 * - one CLIENT span per vendor call (`GET /users/{param}`), from its first attempt to its last, with
 *   `http.request.method`, `url.template`, `http.response.status_code`, `authmux.provider`, `authmux.capability`,
 *   `authmux.retries` and `error.type`; child of the span active when the call was made;
 * - one span per token verification (`authmux tokens.verify`) with `authmux.cache_hit` and the error code;
 * - one CLIENT span per key-set fetch (`GET jwks`) with `url.full` (origin and path) and the number of keys.
 * No attribute holds a secret, a token, a query string or a path parameter.
 *
 * @example
 * import { openTelemetryHooks } from "@authmux/core/otel";
 * const auth = await loadProvider({ hooks: openTelemetryHooks() }); // spans go to the globally registered SDK
 */
export function openTelemetryHooks(options: OpenTelemetryHooksOptions = {}): ProviderHooks {
  const tracer: Tracer = options.tracer ?? (options.tracerProvider ?? trace).getTracer(TRACER_NAME);
  const open = new Map<number, Span>();

  return {
    onRequest(event) {
      if (event.attempt !== 1) return;
      const attributes: Attributes = {
        "http.request.method": event.method,
        "url.template": event.path,
        [AUTHMUX_ATTRIBUTES.provider]: event.provider,
      };
      if (event.capability !== undefined) attributes[AUTHMUX_ATTRIBUTES.capability] = event.capability;
      if (event.member !== undefined) attributes[AUTHMUX_ATTRIBUTES.member] = event.member;
      const span = tracer.startSpan(`${event.method} ${event.path}`, { kind: SpanKind.CLIENT, attributes });
      // Without an SDK (or when sampled out) the span records nothing: nothing to keep until the call ends.
      if (!span.isRecording()) return;
      if (open.size >= MAX_OPEN_SPANS) dropOldest(open);
      open.set(event.callId, span);
    },
    onResponse(event) {
      if (event.retrying) return;
      const span = open.get(event.callId);
      if (span === undefined) return;
      open.delete(event.callId);
      endCallSpan(span, event);
    },
    onVerify(event) {
      pastSpan(tracer, "authmux tokens.verify", SpanKind.INTERNAL, event.durationMs, verifyAttributes(event), event.ok ? undefined : (event.code ?? "error"));
    },
    onJwksFetch(event) {
      const error = event.ok ? undefined : event.status === undefined ? "no answer" : `HTTP ${event.status}`;
      pastSpan(tracer, "GET jwks", SpanKind.CLIENT, event.durationMs, jwksAttributes(event), error);
    },
  };
}

function endCallSpan(span: Span, event: ResponseHookEvent): void {
  span.setAttribute(AUTHMUX_ATTRIBUTES.retries, event.attempt - 1);
  if (event.status !== undefined) span.setAttribute("http.response.status_code", event.status);
  const errorType = event.failure ?? (event.status !== undefined && event.status >= 400 ? String(event.status) : undefined);
  if (errorType !== undefined) {
    span.setAttribute("error.type", errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
  }
  span.end();
}

function verifyAttributes(event: VerifyHookEvent): Attributes {
  const attributes: Attributes = {
    [AUTHMUX_ATTRIBUTES.provider]: event.provider,
    [AUTHMUX_ATTRIBUTES.capability]: "tokens.verify",
    [AUTHMUX_ATTRIBUTES.member]: "tokens.verify",
    [AUTHMUX_ATTRIBUTES.cacheHit]: event.cached,
    [AUTHMUX_ATTRIBUTES.outcome]: event.ok ? "ok" : (event.code ?? "error"),
  };
  if (!event.ok && event.code !== undefined) attributes["error.type"] = event.code;
  return attributes;
}

function jwksAttributes(event: JwksFetchHookEvent): Attributes {
  const attributes: Attributes = { "http.request.method": "GET", "url.full": event.url, [AUTHMUX_ATTRIBUTES.provider]: event.provider };
  if (event.status !== undefined) attributes["http.response.status_code"] = event.status;
  if (event.keys !== undefined) attributes[AUTHMUX_ATTRIBUTES.jwksKeys] = event.keys;
  return attributes;
}

/** Records a span for something that has just ended and took `durationMs`; `error` sets its status. */
function pastSpan(tracer: Tracer, name: string, kind: SpanKind, durationMs: number, attributes: Attributes, error: string | undefined): void {
  const end = Date.now();
  const span = tracer.startSpan(name, { kind, attributes, startTime: end - durationMs });
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  span.end(end);
}

function dropOldest(open: Map<number, Span>): void {
  const oldest = open.keys().next();
  if (oldest.done) return;
  open.get(oldest.value)?.end();
  open.delete(oldest.value);
}
