import { clerk } from "@authmux/clerk";
import { createClerkFake } from "@authmux/clerk/testing";
import { connectycube } from "@authmux/connectycube";
import { createConnectyCubeFake } from "@authmux/connectycube/testing";
import type { ProviderWith } from "@authmux/core";
import { type ConformanceControls, createMockProvider } from "@authmux/core/testing";
import { kobble } from "@authmux/kobble";
import { createKobbleFake } from "@authmux/kobble/testing";
import { kustomer } from "@authmux/kustomer";
import { createKustomerFake } from "@authmux/kustomer/testing";
import { stytch } from "@authmux/stytch";
import { createStytchFake } from "@authmux/stytch/testing";
import type { IdMapSink, IdPair, JournalEntry, JournalSink } from "../src/index.js";

/** The providers the tests move users between. */
export const PROVIDERS = ["mock", "clerk", "stytch", "kobble", "connectycube", "kustomer"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** A provider wired to a fresh fake of its vendor (the mock to itself), with the fake's controls. */
export interface Wired {
  readonly name: ProviderName;
  /** Every provider can create and read users; the rest is narrowed with `supports`. */
  readonly provider: ProviderWith<"users.create" | "users.read">;
  readonly controls: Pick<ConformanceControls, "seedUser" | "peekUser">;
}

/** Kustomer metadata keys must be custom attributes of the org: the source id gets one. */
const KUSTOMER_ATTRIBUTES = ["planStr", "seatsNum", "regionStr", "tierStr", "aNum", "betaBool", "renewsAt", "homepageUrl", "notesTxt", "authmuxSourceIdStr"];

export function wire(name: ProviderName): Wired {
  switch (name) {
    case "mock": {
      const mock = createMockProvider();
      return { name, provider: mock, controls: mock.controls };
    }
    case "clerk": {
      const fake = createClerkFake();
      return { name, provider: clerk(fake.adapterOptions), controls: fake.controls };
    }
    case "stytch": {
      const fake = createStytchFake();
      return { name, provider: stytch(fake.adapterOptions), controls: fake.controls };
    }
    case "kobble": {
      const fake = createKobbleFake();
      return { name, provider: kobble(fake.adapterOptions), controls: fake.controls };
    }
    case "connectycube": {
      const fake = createConnectyCubeFake();
      return { name, provider: connectycube(fake.adapterOptions), controls: fake.controls };
    }
    case "kustomer": {
      const fake = createKustomerFake({ customAttributes: KUSTOMER_ATTRIBUTES, rateLimit: 1_000_000 });
      return { name, provider: kustomer(fake.adapterOptions), controls: fake.controls };
    }
  }
}

/** A journal and an id map in memory, for in-process runs. */
export function memorySinks(): { journal: JournalSink & { entries: JournalEntry[] }; idMap: IdMapSink & { pairs: IdPair[] } } {
  const entries: JournalEntry[] = [];
  const pairs: IdPair[] = [];
  return {
    journal: { entries, append: async (e) => void entries.push(...e) },
    idMap: { pairs, append: async (p) => void pairs.push(...p) },
  };
}

/** An async iterable over an array (a source in a test). */
export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
