import type { JsonObject } from "@authmux/core";
import { readSeedFile } from "./seed.js";
import { type Served, serveFake } from "./serve.js";
import { readStateFile, writeStateFile } from "./state-file.js";
import { UsageError } from "./usage-error.js";
import { type EmulatedFake, type EmulatedVendor, type EnvLine, environmentFor, isVendorName, type SeedUser, VENDOR_NAMES, VENDORS } from "./vendors.js";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Which vendor's fake to serve (any case). */
  vendor: string;
  /** Default 4010; 0 takes a free port. */
  port?: number;
  /** Default `127.0.0.1`. The fake answers only at the origin it prints. */
  host?: string;
  /** A JSON file of users to create at start: `[{ email, name?, phone?, password?, metadata? }]`. */
  seed?: string;
  /** A file the fake's state is loaded from at start (when it exists) and saved to while running and at `close`. */
  state?: string;
  /** How often the state is saved when it changed; default 2000 ms. */
  saveIntervalMs?: number;
}

/** A running emulator. */
export interface Emulator {
  /** The vendor being emulated. */
  readonly vendor: EmulatedVendor;
  /** `http://host:port`. */
  readonly origin: string;
  /** The port it listens on. */
  readonly port: number;
  /** The vendor's fake behind the server, with its controls. */
  readonly fake: EmulatedFake;
  /** The environment that points an app, the authmux adapter and the vendor's SDK here. */
  readonly env: readonly EnvLine[];
  /** What seeding did: each seed file entry's email, and the id created (`null` when the state already held the email). */
  readonly seeded: readonly {
    /** The seed entry's email. */
    email: string;
    /** The user created, or `null`. */
    id: string | null;
  }[];
  /** Saves the state now (a no-op without `state`). */
  save(): Promise<void>;
  /** Stops saving, saves once more, and stops listening. */
  close(): Promise<void>;
}

/** The port the emulator listens on by default. */
export const DEFAULT_PORT = 4010;

/**
 * Serves a vendor's fake on a local port, seeded from a file and with its state kept in another, for apps, the
 * authmux adapter and the vendor's own SDK. Problems with the options or files are {@link UsageError}s.
 *
 * @example
 * const emulator = await startEmulator({ vendor: "clerk", port: 4010, seed: "users.json", state: ".clerk-state.json" });
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const name = options.vendor.trim().toLowerCase();
  if (!isVendorName(name)) throw new UsageError(`unknown vendor "${options.vendor}": expected one of ${VENDOR_NAMES.join(", ")}`);
  const vendor = VENDORS[name];
  const seeds = options.seed === undefined ? [] : await readSeedFile(options.seed);
  const withPassword = seeds.findIndex((s) => s.password !== undefined);
  if (withPassword >= 0 && !vendor.definition.capabilities.includes("passwords")) {
    throw new UsageError(`--seed ${options.seed}: entry ${withPassword + 1}: ${name} users have no password (drop the field)`);
  }
  const saved = options.state === undefined ? undefined : await readStateFile(options.state, name);

  const served = await listen(vendor, options);
  try {
    const persist = options.state === undefined ? undefined : persistence(served.fake, name, options.state);
    if (persist && saved) persist.restore(saved);
    const seeded = await seedUsers(served.fake, seeds, options.seed ?? "");
    let last = "";
    const save = async () => {
      if (!persist) return;
      const state = persist.snapshot();
      const text = JSON.stringify(state);
      if (text === last) return;
      await writeStateFile(persist.path, name, state);
      last = text;
    };
    await save();
    const report = (error: unknown) => console.error(`authmux-emulator: could not save the state to ${options.state} (${error instanceof Error ? error.message : "unknown error"})`);
    const timer = persist ? setInterval(() => void save().catch(report), options.saveIntervalMs ?? 2000) : undefined;
    timer?.unref();
    return {
      vendor,
      origin: served.origin,
      port: served.port,
      fake: served.fake,
      env: environmentFor(vendor, served.fake, served.origin),
      seeded,
      save,
      async close() {
        clearInterval(timer);
        try {
          await save();
        } finally {
          await served.close();
        }
      },
    };
  } catch (error) {
    await served.close();
    throw error;
  }
}

async function listen(vendor: EmulatedVendor, options: EmulatorOptions): Promise<Served<EmulatedFake & { handle(request: Request): Promise<Response> }>> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? "127.0.0.1";
  try {
    return await serveFake(
      (origin) => {
        const fake = vendor.create(origin);
        return { fetch: fake.fetch, controls: fake.controls, adapterOptions: fake.adapterOptions, handle: (request: Request) => fake.fetch(request) };
      },
      { port, host },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${host} is in use: choose another with --port`);
    if (code === "EACCES") throw new UsageError(`port ${port} needs privileges this process lacks: choose another with --port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") throw new UsageError(`--host ${host} is not an address of this machine`);
    throw error;
  }
}

/** The fake's snapshot/restore, or a {@link UsageError} when the fake cannot keep state. */
function persistence(fake: EmulatedFake, vendor: string, path: string) {
  const { snapshot, restore } = fake.controls;
  if (typeof snapshot !== "function" || typeof restore !== "function") {
    throw new UsageError(`--state ${path}: the ${vendor} fake cannot save its state yet (its controls lack snapshot/restore)`);
  }
  return {
    path,
    snapshot: (): JsonObject => snapshot.call(fake.controls),
    restore(state: JsonObject) {
      try {
        restore.call(fake.controls, state);
      } catch (error) {
        throw new UsageError(`--state ${path}: the ${vendor} fake refused the saved state (${error instanceof Error ? error.message : "unreadable"}): move the file away to start afresh`);
      }
    },
  };
}

/** Creates each seed user the fake does not hold yet (a restored state may have them). */
async function seedUsers(fake: EmulatedFake, seeds: readonly SeedUser[], file: string): Promise<{ email: string; id: string | null }[]> {
  const out: { email: string; id: string | null }[] = [];
  for (const [i, seed] of seeds.entries()) {
    if ((await fake.controls.peekUser({ email: seed.email })) !== null) {
      out.push({ email: seed.email, id: null });
      continue;
    }
    try {
      out.push({ email: seed.email, id: (await fake.controls.seedUser(seed)).id });
    } catch (error) {
      throw new UsageError(`--seed ${file}: entry ${i + 1}: the fake refused it (${error instanceof Error ? error.message : "unknown error"})`);
    }
  }
  return out;
}
