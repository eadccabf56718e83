/**
 * Paces calls to one vendor: at most `rate` calls a second, evenly spread, shared by every concurrent worker, and a
 * pause every worker honours after a 429 (its `Retry-After`). `rate` 0 or `Infinity` paces nothing.
 */
export interface Pacer {
  /** Resolves when the next call may go. */
  take(): Promise<void>;
  /** Holds every call back for `seconds` (a vendor's `Retry-After`). */
  pause(seconds: number): void;
  /** Calls per second; 0 = unpaced. */
  readonly rate: number;
}

/** Options of {@link createPacer}. */
export interface PacerOptions {
  /** Calls per second; 0 = unpaced. */
  rate: number;
  /** Epoch ms; `Date.now` by default. */
  now?: () => number;
  /** Waits `ms`; `setTimeout` by default. */
  sleep?: (ms: number) => Promise<void>;
}

/** The sleep every pacer uses by default. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A {@link Pacer}: each call reserves the next free slot (`1 / rate` seconds after the previous one) before it
 * waits, so concurrent callers never share a slot and the rate holds however many workers there are.
 */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const rate = Number.isFinite(options.rate) && options.rate > 0 ? options.rate : 0;
  const interval = rate > 0 ? 1000 / rate : 0;
  let nextSlot = 0;
  let pausedUntil = 0;
  return {
    rate,
    async take() {
      for (;;) {
        const t = now();
        const slot = Math.max(t, nextSlot, pausedUntil);
        nextSlot = slot + interval;
        if (slot > t) await wait(slot - t);
        // A pause that began while this call waited holds it too.
        if (pausedUntil <= Math.max(now(), slot)) return;
      }
    },
    pause(seconds) {
      const until = now() + Math.max(0, seconds) * 1000;
      if (until > pausedUntil) pausedUntil = until;
    },
  };
}
