import { definition as clerkDefinition } from "@authmux/clerk";
import { createClerkFake } from "@authmux/clerk/testing";
import { definition as connectycubeDefinition } from "@authmux/connectycube";
import { createConnectyCubeFake } from "@authmux/connectycube/testing";
import type { AnyProviderDefinition, FetchLike, JsonObject } from "@authmux/core";
import { definition as kobbleDefinition } from "@authmux/kobble";
import { createKobbleFake } from "@authmux/kobble/testing";
import { definition as kustomerDefinition } from "@authmux/kustomer";
import { createKustomerFake } from "@authmux/kustomer/testing";
import { definition as stytchDefinition } from "@authmux/stytch";
import { createStytchFake } from "@authmux/stytch/testing";

/** The vendors the emulator serves. */
export const VENDOR_NAMES = ["clerk", "stytch", "kobble", "connectycube", "kustomer"] as const;
/** One of {@link VENDOR_NAMES}. */
export type VendorName = (typeof VENDOR_NAMES)[number];

/** A user to seed, as a seed file lists them. */
export interface SeedUser {
  /** The user's email address. */
  email: string;
  /** A display name. */
  name?: string | null;
  /** A phone number (E.164). */
  phone?: string | null;
  /** A password, where the vendor has passwords. */
  password?: string;
  /** The metadata bag. */
  metadata?: JsonObject;
}

/** What the emulator uses of a fake's controls; `snapshot`/`restore` carry its state between runs. */
export interface EmulatorControls {
  /** Creates a user in the fake's state. */
  seedUser(input: SeedUser): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** The user with this email from the fake's state, or `null`. */
  peekUser(ref: { email: string }): Promise<unknown>;
  /** The fake's whole state as JSON. */
  snapshot?(): JsonObject;
  /** Replaces the fake's state with a snapshot. */
  restore?(state: JsonObject): void;
}

/** A vendor fake as the emulator serves it. */
export interface EmulatedFake {
  /** Answers requests addressed to the fake's origin. */
  readonly fetch: FetchLike;
  /** The fake's controls. */
  readonly controls: EmulatorControls;
  /** What the authmux adapter needs to talk to the fake (keys, API root). */
  readonly adapterOptions: object;
}

/** One line of the environment the emulator prints: a variable, or a comment for a reader. */
export type EnvLine =
  | {
      /** The variable's name. */
      readonly name: string;
      /** Its value. */
      readonly value: string;
    }
  | {
      /** A line for the reader. */
      readonly comment: string;
    };

/** How the emulator serves one vendor. */
export interface EmulatedVendor {
  /** The vendor's name. */
  readonly name: VendorName;
  /** The authmux adapter's definition: its environment variables and whether its users have passwords. */
  readonly definition: AnyProviderDefinition;
  /** The vendor's fake answering at `origin` (`http://host:port`). */
  create(origin: string): EmulatedFake;
  /** What the vendor's own SDKs read, beyond the adapter's variables: extra variables and how-to comments. */
  sdk(origin: string): readonly EnvLine[];
}

/** Each vendor: its fake at a loopback origin, and how to point its official SDK there. */
export const VENDORS: Readonly<Record<VendorName, EmulatedVendor>> = {
  clerk: {
    name: "clerk",
    definition: clerkDefinition,
    // Clerk's Backend API lives under /v1 of its API origin.
    create: (origin) => createClerkFake({ baseUrl: `${origin}/v1` }),
    sdk: (origin) => [
      // The authmux adapter and Clerk's SDKs both read CLERK_API_URL as the API origin and add the /v1 themselves.
      { name: "CLERK_API_URL", value: origin },
      { comment: "@clerk/backend: createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY, apiUrl: process.env.CLERK_API_URL })" },
    ],
  },
  stytch: {
    name: "stytch",
    definition: stytchDefinition,
    create: (origin) => createStytchFake({ baseUrl: origin }),
    // The SDK refuses an http:// custom_base_url but takes any URL as `env`.
    sdk: (origin) => [{ comment: `stytch: new Client({ project_id: process.env.STYTCH_PROJECT_ID, secret: process.env.STYTCH_SECRET, env: "${origin}/" })` }],
  },
  kobble: {
    name: "kobble",
    definition: kobbleDefinition,
    create: (origin) => createKobbleFake({ baseUrl: origin }),
    sdk: () => [{ comment: "@kobbleio/admin: new Kobble(process.env.KOBBLE_SDK_SECRET, { baseApiUrl: process.env.KOBBLE_API_URL })" }],
  },
  connectycube: {
    name: "connectycube",
    definition: connectycubeDefinition,
    create: (origin) => createConnectyCubeFake({ baseUrl: origin }),
    sdk: () => [{ comment: "connectycube: the SDK's endpoints.api is a host it calls over https; route it here with a fetch wrapper" }],
  },
  kustomer: {
    name: "kustomer",
    definition: kustomerDefinition,
    // The emulator stands in for the org host (https://<org>.api.kustomerapp.com).
    create: (origin) => createKustomerFake({ baseUrl: origin }),
    sdk: () => [],
  },
};

/** True when `name` is a vendor the emulator serves. */
export function isVendorName(name: string): name is VendorName {
  return (VENDOR_NAMES as readonly string[]).includes(name);
}

/**
 * The environment that points an app, the authmux adapter and the vendor's SDK at a served fake: the adapter's own
 * variables with the fake's (test) keys and API root, `AUTHMUX_PROVIDER`, and what the vendor's SDK reads.
 */
export function environmentFor(vendor: EmulatedVendor, fake: EmulatedFake, origin: string): EnvLine[] {
  const options = fake.adapterOptions as Record<string, unknown>;
  const lines: EnvLine[] = [{ name: "AUTHMUX_PROVIDER", value: vendor.name }];
  for (const [option, variable] of Object.entries(vendor.definition.envVariables)) {
    const value = envValue(options[option]);
    if (value !== undefined) lines.push({ name: variable, value });
  }
  return [...lines, ...vendor.sdk(origin)];
}

/** An option as an environment variable holds it; `undefined` for what has no text form (functions). */
function envValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(",");
  return undefined;
}

/** The lines as a `.env` file would hold them. */
export function formatEnvironment(lines: readonly EnvLine[]): string {
  return lines.map((line) => ("comment" in line ? `# ${line.comment}` : `${line.name}=${line.value}`)).join("\n");
}
