import { defaultClientConditions, defaultServerConditions, type UserConfig } from "vite";

/**
 * Settings every package's vitest project shares: workspace packages resolve to their TypeScript
 * source through the `authmux-source` export condition, so tests never run against a stale build.
 */
export const sharedConfig = {
  resolve: { conditions: ["authmux-source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["authmux-source", ...defaultServerConditions] } },
} satisfies UserConfig;
