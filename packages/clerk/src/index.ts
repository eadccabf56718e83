export { clerk, CLERK_CAPABILITIES, type ClerkCapability, type ClerkProvider, definition } from "./clerk.js";
export { CLERK_API_URL, CLERK_API_VERSION, CLERK_ENV, type ClerkOptions, clerkOptionsSchema, issuerFromPublishableKey } from "./config.js";
export type { ClerkVendor } from "./vendor.js";
export { toAuthmuxError } from "./errors.js";
