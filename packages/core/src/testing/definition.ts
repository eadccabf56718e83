import * as z from "zod/mini";
import { CAPABILITIES } from "../capabilities/names.js";
import type { ProviderDefinition } from "../config/definition.js";
import { optionsFromEnv } from "../config/env.js";
import { commonOptionsShape } from "../config/common-options.js";
import { createMockProvider, type MockProvider, type MockProviderOptions } from "./mock-provider.js";

const mockOptionsSchema = z.object({
  issuer: z.optional(z.string().check(z.minLength(1))),
  audience: z.optional(z.string().check(z.minLength(1))),
  loginUrl: z.optional(z.url()),
  webhookSecret: z.optional(z.string().check(z.startsWith("whsec_"))),
  clock: z.optional(z.custom<() => number>((v) => typeof v === "function")),
  hooks: commonOptionsShape.hooks,
});

/** The mock as `loadProvider({ provider: "mock" })` builds it (`AUTHMUX_MOCK_*` variables, all optional). */
export const mockDefinition: ProviderDefinition<"mock", MockProviderOptions, MockProvider> = {
  name: "mock",
  capabilities: CAPABILITIES,
  optionsSchema: mockOptionsSchema,
  envVariables: { issuer: "AUTHMUX_MOCK_ISSUER", audience: "AUTHMUX_MOCK_AUDIENCE", webhookSecret: "AUTHMUX_MOCK_WEBHOOK_SECRET" },
  fromEnv: (env) => optionsFromEnv(env, mockDefinition.envVariables),
  create: (options) => createMockProvider(options),
};
