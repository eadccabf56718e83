import { optionsFromEnv, type ProviderDefinition } from "@authmux/core";
import { KUSTOMER_ENV, type KustomerOptions, kustomerOptionsSchema } from "./config.js";
import { KUSTOMER_CAPABILITIES, kustomer, type KustomerProvider } from "./kustomer.js";

/** How `loadProvider({ provider: "kustomer" })` and `AUTHMUX_PROVIDER=kustomer` build the adapter. */
export const definition: ProviderDefinition<"kustomer", KustomerOptions, KustomerProvider> = {
  name: "kustomer",
  capabilities: [...KUSTOMER_CAPABILITIES, "webhooks"],
  optionsSchema: kustomerOptionsSchema as never,
  envVariables: KUSTOMER_ENV,
  fromEnv: (env) => optionsFromEnv(env, KUSTOMER_ENV),
  create: (options) => kustomer(options),
};
