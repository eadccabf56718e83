import * as z from "zod/mini";
import { type CommonOptions, commonOptionsShape, type OptionsSchema } from "../../src/index.js";

/** The options of the small "acme" adapter the defineAdapter tests describe. */
export interface AcmeOptions extends CommonOptions {
  apiKey: string;
  webhookSecret?: string | undefined;
  adminKey?: string | undefined;
}

export const acmeOptions: OptionsSchema<AcmeOptions> = z.object({
  ...commonOptionsShape,
  apiKey: z.string().check(z.minLength(1)),
  webhookSecret: z.optional(z.string().check(z.minLength(1))),
  adminKey: z.optional(z.string()),
});
