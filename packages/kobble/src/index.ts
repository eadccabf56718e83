export { definition, kobble, KOBBLE_CAPABILITIES, type KobbleCapability, type KobbleProvider } from "./kobble.js";

export { KOBBLE_API_URL, KOBBLE_ENV, KOBBLE_ISSUER, type KobbleOptions, kobbleOptionsSchema } from "./config.js";
export type { KobbleVendor } from "./vendor.js";
export { toAuthmuxError } from "./errors.js";
