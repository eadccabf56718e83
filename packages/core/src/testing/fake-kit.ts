import type { Fault } from "./faults.js";

/** One request a vendor fake received, for asserting exactly what an adapter sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Query parameters; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The JSON body parsed, else the text, else `undefined`. */
  body: unknown;
}

/** The plumbing every vendor fake shares: a settable clock, a request log and a fault queue. */
export interface FakeKit {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The fake's clock (epoch ms): the `clock` option, unless `setClock` froze it. */
  readonly clock: () => number;
  /** Logs a request; `text` is its body as read. */
  record(request: Request, text: string): void;
  /** The next injected fault, consumed; `undefined` when none is queued. */
  takeFault(): Fault | undefined;
  /** The conformance controls the kit implements. */
  setClock(ms: number): void;
  failNext(fault: Fault, times?: number): void;
  requestCount(): number;
  /** Forgets requests and faults and unfreezes the clock. */
  reset(): void;
}

/** Builds a {@link FakeKit}; vendor fakes render `takeFault()` in their vendor's own error shape. */
export function createFakeKit(options: { clock?: (() => number) | undefined } = {}): FakeKit {
  let frozenAt: number | undefined;
  let faults: { fault: Fault; remaining: number }[] = [];
  const requests: RecordedRequest[] = [];
  return {
    requests,
    clock: () => frozenAt ?? (options.clock ?? Date.now)(),
    record(request, text) {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const query: Record<string, string | string[]> = {};
      url.searchParams.forEach((value, key) => {
        const seen = query[key];
        query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      });
      let body: unknown;
      if (text !== "") {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      requests.push({ method: request.method, path: url.pathname, query, headers, body });
    },
    takeFault() {
      const head = faults[0];
      if (!head) return undefined;
      head.remaining -= 1;
      if (head.remaining <= 0) faults.shift();
      return head.fault;
    },
    setClock(ms) {
      frozenAt = ms;
    },
    failNext(fault, times = 1) {
      faults.push({ fault, remaining: times });
    },
    requestCount: () => requests.length,
    reset() {
      faults = [];
      frozenAt = undefined;
      requests.length = 0;
    },
  };
}

/**
 * A `fetch` that answers from msw handlers without intercepting anything globally (msw's `getResponse`
 * is passed in, so core does not depend on msw). A request no handler serves fails like a network error.
 */
export function fetchFromHandlers<H>(
  getResponse: (handlers: H[], request: Request) => Promise<Response | undefined>,
  handlers: H[],
  label: string,
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const response = await getResponse(handlers, request);
    if (!response) throw new TypeError(`fetch failed: the ${label} fake does not serve ${request.url}`);
    return response;
  };
}

/** `defaults` with the given options laid over them, ignoring options set to `undefined` (and `clock`). */
export function withDefaults<D extends object>(defaults: D, given: object): D {
  const set = Object.entries(given).filter(([key, value]) => value !== undefined && key !== "clock");
  return { ...defaults, ...Object.fromEntries(set) } as D;
}
