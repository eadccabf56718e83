import type { HttpMethod } from "../http/types.js";
import { emit, monotonicMs, type ProviderHooks, type ResponseHookEvent, runningMember, type VendorCallEvent } from "./hooks.js";

let calls = 0;

/**
 * Turns one vendor call's attempts into hook events. An attempt's `onResponse` waits until it is known whether
 * another attempt follows (`retrying`), so a tracer can end its span on the last one. Made only when the client
 * has hooks: a client without them pays nothing.
 */
export class CallObserver {
  private readonly base: Omit<VendorCallEvent, "attempt">;
  private attempt = 0;
  private startedAt = 0;
  /** The ended attempt whose `onResponse` waits for the next step; `null` while an attempt runs or after the last. */
  private pending: Omit<ResponseHookEvent, "retrying"> | null = null;
  private ended = true;
  private endedAt = 0;

  constructor(
    private readonly hooks: ProviderHooks,
    provider: string,
    method: HttpMethod,
    path: string,
  ) {
    // Read now, while the member that called the client still runs synchronously.
    const running = runningMember();
    this.base = { provider, capability: running?.capability, member: running?.member, method, path, callId: ++calls };
  }

  /** An attempt starts. */
  start(): void {
    this.attempt += 1;
    this.ended = false;
    this.startedAt = monotonicMs();
    emit(this.hooks.onRequest, { ...this.base, attempt: this.attempt });
  }

  /** The running attempt ended: with a status, or without an answer. Later reports of the same attempt are ignored. */
  end(status: number | undefined, failure: "timeout" | "network" | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.endedAt = monotonicMs();
    this.pending = { ...this.base, attempt: this.attempt, status, failure, durationMs: this.endedAt - this.startedAt };
  }

  /** Another attempt is about to start. */
  retry(): void {
    // An attempt abandoned without a word (a fetch that ignored the abort) ended by timeout.
    this.end(undefined, "timeout");
    const previous = this.flush(true);
    emit(this.hooks.onRetry, { ...this.base, attempt: this.attempt + 1, delayMs: monotonicMs() - this.endedAt, previousStatus: previous?.status });
  }

  /** The call is over; `failure` says why when its last attempt got no answer. */
  finish(failure: "timeout" | "network" = "network"): void {
    this.end(undefined, failure);
    this.flush(false);
  }

  private flush(retrying: boolean): Omit<ResponseHookEvent, "retrying"> | null {
    const event = this.pending;
    this.pending = null;
    if (event !== null) emit(this.hooks.onResponse, { ...event, retrying });
    return event;
  }
}
