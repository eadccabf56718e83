import type { $ZodType } from "zod/v4/core";
import { assembleProvider } from "../capabilities/assemble.js";
import { CAPABILITIES, type Capability } from "../capabilities/names.js";
import type { Provider } from "../capabilities/provider.js";
import type { CommonOptions } from "../config/common-options.js";
import type { ProviderDefinition } from "../config/definition.js";
import { type EnvRecord, optionsFromEnv } from "../config/env.js";
import { parseOptions } from "../config/validate.js";
import { createHttpClient } from "../http/create-http-client.js";
import type { HttpClient, HttpClientOptions } from "../http/types.js";
import type { Implementation, ImplementationOf } from "./implementation.js";

/**
 * An adapter's options schema, tagged with the options type its factory takes. The tag is a type only (no
 * runtime field), so a `zod/mini` object schema is assigned to it as is, and the assignment checks that what
 * the schema parses is the documented options type.
 *
 * @example
 * export const acmeOptionsSchema: OptionsSchema<AcmeOptions> = z.object({ apiKey: z.string() });
 */
export type OptionsSchema<Input, Parsed = Input> = $ZodType<Parsed, unknown> & {
  /** The factory's options type, carried for the compiler only (never set). */
  readonly "~authmuxInput"?: Input;
};

/** Capabilities an option adds, each keyed to the option that enables it when set (`{ webhooks: "webhookSecret" }`). */
export type OptionalCapabilities<Parsed, Always extends Capability> = { readonly [C in Exclude<Capability, Always>]?: keyof Parsed & string };

/** The capabilities `Optional` adds for options of type `O`: those whose enabling option `O` surely sets. */
export type EnabledCapabilities<O, Optional> = {
  [C in keyof Optional]: Optional[C] extends keyof O ? (undefined extends O[Optional[C]] ? never : C) : never;
}[keyof Optional] &
  Capability;

/** What the adapter kit hands an adapter's `build`: the HTTP client made from `http`, and the clock. */
export interface AdapterKit {
  /** The HTTP client, built from the description's `http` and the common options. */
  readonly http: HttpClient;
  /** The `clock` option, else `Date.now`. */
  readonly clock: () => number;
}

/** What an adapter's `build` returns: its vendor operations and the members of its capabilities. */
export type AdapterParts<Parsed, Always extends Capability, Optional, Vendor> = {
  /** Vendor-only operations (`provider.vendor`). */
  vendor: Vendor;
  /** The members of the capabilities always present; a missing member does not compile. */
  members: ImplementationOf<Always>;
} & ([keyof Optional] extends [never]
  ? {
      /** No optional capabilities: nothing to build. */
      optional?: never;
    }
  : {
      /** For each optional capability, its members from the value of the option that enables it; called only when that option is set. */
      optional: {
        [C in keyof Optional & Capability]: (value: NonNullable<Parsed[Optional[C] & keyof Parsed]>) => ImplementationOf<C>;
      };
    });

/** One description of an adapter, from which {@link defineAdapter} makes its factory and its `definition`. */
export interface AdapterDescription<Name extends string, Input, Parsed extends CommonOptions, Always extends Capability, Optional, Vendor> {
  /** The provider's name (`AUTHMUX_PROVIDER`). */
  name: Name;
  /** The capabilities the vendor always allows. */
  capabilities: readonly Always[];
  /** Capabilities an option adds, keyed to that option. */
  optional?: Optional & OptionalCapabilities<Parsed, Always>;
  /** The options schema (`zod/mini` keeps edge bundles small), tagged with the factory's options type. */
  options: OptionsSchema<Input, Parsed>;
  /** Option name → environment variable, as the vendor's own SDKs name them. */
  env: Readonly<Record<string, string>>;
  /**
   * Checks the schema cannot express (one of two options required, an option this vendor has no use for):
   * throw `invalid_input` naming the option and its variable. Runs before anything is built.
   */
  check?(options: Parsed): void;
  /**
   * The HTTP client's vendor settings: API root, auth headers, the secrets never to print, the error mapper.
   * The kit adds the common options (`fetch`, `timeoutMs`, `retry`, `clock`, `maxResponseBytes`, `hooks`).
   */
  http(options: Parsed): Omit<HttpClientOptions, "provider" | "fetch" | "timeoutMs" | "retry" | "clock" | "maxResponseBytes" | "hooks">;
  /** Builds the members from validated, checked options. */
  build(options: Parsed, kit: AdapterKit): AdapterParts<Parsed, Always, Optional, Vendor>;
}

/** What {@link defineAdapter} returns. */
export interface Adapter<Name extends string, Input, Parsed, Always extends Capability, Optional, Vendor> {
  /**
   * The vendor factory: validates the options (`invalid_input` naming the option and its environment variable),
   * then builds the provider. Its type carries exactly the capabilities the given options enable.
   */
  create<const O extends Input>(options: O): Provider<Name, Always | EnabledCapabilities<O, Optional>, Vendor>;
  /** How `loadProvider` builds the adapter from configuration. */
  definition: ProviderDefinition<Name, Parsed, Provider<Name, Always, Vendor>>;
}

/**
 * Makes an adapter from one description: the vendor factory (options validated, HTTP client built, members
 * assembled with exactly the capabilities the options enable) and the `definition` `loadProvider` uses.
 *
 * @example
 * const adapter = defineAdapter({
 *   name: "acme",
 *   capabilities: ["users.read"],
 *   optional: { webhooks: "webhookSecret" },
 *   options: acmeOptionsSchema,
 *   env: { apiKey: "ACME_API_KEY", webhookSecret: "ACME_WEBHOOK_SECRET" },
 *   http: (o) => ({ baseUrl: "https://api.acme.test", headers: { authorization: `Bearer ${o.apiKey}` }, secrets: [o.apiKey] }),
 *   build: (o, { http }) => ({
 *     vendor: {},
 *     members: { users: usersMember(http) },
 *     optional: { webhooks: (secret) => ({ webhooks: webhooksMember(secret) }) },
 *   }),
 * });
 * export const acme = adapter.create;
 * export const definition = adapter.definition;
 */
export function defineAdapter<const Name extends string, Input, Parsed extends CommonOptions, const Always extends Capability, const Optional, Vendor>(
  description: AdapterDescription<Name, Input, Parsed, Always, Optional, Vendor>,
): Adapter<Name, Input, Parsed, Always, Optional, Vendor> {
  const { name, env } = description;
  const optional: Readonly<Record<string, string | undefined>> = description.optional ?? {};
  const optionalNames = CAPABILITIES.filter((c) => optional[c] !== undefined);

  function assemble(options: Parsed): Provider<Name, Always, Vendor> {
    description.check?.(options);
    const clock = options.clock ?? Date.now;
    const http = createHttpClient({
      ...description.http(options),
      provider: name,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      maxResponseBytes: options.maxResponseBytes,
      hooks: options.hooks,
      clock,
    });
    const parts = description.build(options, { http, clock });
    // The one seam where types meet run time: each builder was typed for its own option's value, and is
    // called below with exactly that value.
    const builders = (parts.optional ?? {}) as Readonly<Record<string, ((value: unknown) => Implementation) | undefined>>;
    const values = new Map<string, unknown>(Object.entries(options));
    const pieces: object[] = [parts.members];
    const enabled: Capability[] = [...description.capabilities];
    for (const capability of optionalNames) {
      const value = values.get(optional[capability] ?? "");
      const build = builders[capability];
      if (value === undefined || build === undefined) continue;
      enabled.push(capability);
      pieces.push(build(value));
    }
    // The kit checks the declared capabilities against the members once more at run time (assembleProvider
    // throws on a missing one): a JavaScript adapter, or one that cast its way past the types, fails here.
    return assembleProvider<Name, Always, Vendor>({
      name,
      capabilities: enabled as Always[],
      vendor: parts.vendor,
      implementation: mergeImplementations(pieces),
      attributeCalls: options.hooks !== undefined,
    });
  }

  function create<const O extends Input>(options: O): Provider<Name, Always | EnabledCapabilities<O, Optional>, Vendor>;
  function create(options: Input): Provider<Name, Always, Vendor> {
    return assemble(parseOptions(name, description.options, options, env));
  }

  return {
    create,
    definition: {
      name,
      capabilities: [...description.capabilities, ...optionalNames],
      optionsSchema: description.options,
      envVariables: env,
      enabledBy: optional,
      fromEnv: (vars: EnvRecord) => optionsFromEnv(vars, env),
      create: assemble,
    },
  };
}

/** Members grouped by namespace, merged: an optional capability may add to a namespace (`users.delete`). */
function mergeImplementations(pieces: readonly object[]): Implementation {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const piece of pieces) {
    for (const [namespace, members] of Object.entries(piece)) merged[namespace] = { ...merged[namespace], ...members };
  }
  return merged;
}
