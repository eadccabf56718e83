import { describe, expect, it } from "vitest";
import type { RevocationStore } from "../revocations/store.js";

/** Options of {@link runRevocationStoreConformance}. */
export interface RevocationStoreConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /**
   * Two fresh instances over one backend — as two app instances would hold them — started; for an in-process
   * store both may be the same object. Shared backends should use a fresh key prefix each time.
   */
  create(): Promise<{
    /** The instance that revokes. */
    writer: RevocationStore;
    /** The instance that must see it. */
    reader: RevocationStore;
  }>;
  /** Called after each test (close what `create` opened). */
  teardown?(): void | Promise<void>;
  /** How long another instance may take to see a revocation, in ms; default 100. */
  propagationMs?: number;
}

/** Polls `check` until it holds or `ms` pass; resolves with how long it took, or rejects. */
async function within(ms: number, check: () => boolean): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (check()) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * The behaviour every `RevocationStore` keeps: a revoked session and a user's earlier tokens are refused by every
 * instance within `propagationMs`, later tokens and other users are not, records expire after their TTL, and bad
 * input is `invalid_input`. The memory store and `@authmux/redis` run it.
 */
export function runRevocationStoreConformance(options: RevocationStoreConformanceOptions): void {
  const wait = options.propagationMs ?? 100;
  describe(`revocation store conformance: ${options.name}`, () => {
    const run = async (body: (s: { writer: RevocationStore; reader: RevocationStore }) => Promise<void>) => {
      const stores = await options.create();
      try {
        await body(stores);
      } finally {
        await options.teardown?.();
      }
    };
    const subject = (over: Partial<{ sessionId: string | null; userId: string; issuedAt: Date | null }> = {}) => ({ sessionId: "sess_1", userId: "user_1", issuedAt: new Date(Date.now() - 10_000), ...over });

    it(`a revoked session is refused by the other instance within ${wait} ms; other sessions are not`, () =>
      run(async ({ writer, reader }) => {
        expect(reader.isRevoked(subject())).toBe(false);
        await writer.revokeSession("sess_1", 60);
        await within(wait, () => reader.isRevoked(subject()));
        expect(writer.isRevoked(subject())).toBe(true);
        expect(reader.isRevoked(subject({ sessionId: "sess_2" }))).toBe(false);
        expect(reader.isRevoked(subject({ sessionId: null }))).toBe(false);
      }));

    it("revoking a user refuses their tokens issued until then, not later ones, nor other users'", () =>
      run(async ({ writer, reader }) => {
        const before = new Date();
        await writer.revokeUser("user_1", before, 60);
        await within(wait, () => reader.isRevoked(subject({ sessionId: "sess_9" })));
        expect(reader.isRevoked(subject({ issuedAt: null }))).toBe(true);
        expect(reader.isRevoked(subject({ issuedAt: new Date(before.getTime() + 1000) }))).toBe(false);
        expect(reader.isRevoked(subject({ userId: "user_2" }))).toBe(false);
      }));

    it("records expire after their TTL on every instance", () =>
      run(async ({ writer, reader }) => {
        await writer.revokeSession("sess_short", 1);
        await writer.revokeUser("user_short", new Date(), 1);
        await within(wait, () => reader.isRevoked(subject({ sessionId: "sess_short" })));
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect(reader.isRevoked(subject({ sessionId: "sess_short" }))).toBe(false);
        expect(writer.isRevoked(subject({ sessionId: null, userId: "user_short" }))).toBe(false);
      }));

    it("bad input is invalid_input", () =>
      run(async ({ writer }) => {
        for (const attempt of [writer.revokeSession("", 60), writer.revokeSession("s", 0), writer.revokeSession("s", 1.5), writer.revokeUser("u", new Date(Number.NaN), 60), writer.revokeUser("", new Date(), 60)]) {
          await expect(attempt).rejects.toMatchObject({ code: "invalid_input" });
        }
      }));
  });
}
