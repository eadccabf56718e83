import type { AuthmuxError } from "@authmux/core";
import { connectycube } from "../src/index.js";
import { createConnectyCubeFake, type ConnectyCubeFakeOptions } from "../src/testing/index.js";

/** A fresh fake and an adapter wired to it (one retry keeps failure tests short), with the admin key. */
export function setup(fakeOptions: ConnectyCubeFakeOptions = {}, adapterOptions: { authSecret?: string; tokenCacheMs?: number } = {}) {
  const fake = createConnectyCubeFake(fakeOptions);
  const auth = connectycube({ ...fake.adapterOptions, retry: { limit: 1 }, ...adapterOptions });
  return { fake, auth };
}

/** The error a promise rejects with. */
export const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: AuthmuxError) => e,
  );

/** `METHOD /path` of every request the fake received. */
export const calls = (fake: ReturnType<typeof setup>["fake"]) => fake.requests.map((r) => `${r.method} ${r.path}`);
