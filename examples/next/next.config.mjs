// Nothing to configure: @authmux/core loads the adapter AUTHMUX_PROVIDER names (and, in development, its fake)
// with a dynamic import that bundlers are told to leave to Node, so Turbopack and webpack both build this app.
/** @type {import("next").NextConfig} */
const nextConfig = {};

export default nextConfig;
