export { definition, stytch, STYTCH_CAPABILITIES, type StytchCapability, type StytchProvider } from "./stytch.js";
export { STYTCH_ENV, STYTCH_LIVE_URL, STYTCH_TEST_URL, type StytchOptions, stytchOptionsSchema } from "./config.js";
export type { StytchAuthResult, StytchHashType, StytchMigrateOptions, StytchVendor } from "./vendor.js";
export { SESSION_CLAIM } from "./tokens.js";
export { toAuthmuxError } from "./errors.js";
