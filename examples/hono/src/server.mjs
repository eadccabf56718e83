// @ts-check
// pnpm --filter @authmux/example-hono start: builds the provider from the environment and serves the app on Node.
import { isAuthmuxError } from "@authmux/core";
import { serve } from "@hono/node-server";
import { createApp } from "./app.mjs";
import { providerFromEnv } from "./provider.mjs";

const loaded = await providerFromEnv(process.env).catch((error) => {
  // A missing variable or an unknown provider: say which, and stop (messages never hold a secret).
  if (!isAuthmuxError(error)) throw error;
  console.error(`example-hono cannot start: ${error.message}`);
  process.exit(1);
});
const { provider, mode, controls } = loaded;
const app = createApp(provider, {
  controls,
  onWebhook: (event) => console.log(`webhook ${event.type} ${event.id} (user ${event.data.userId ?? event.data.user?.id ?? "-"})`),
});
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
serve({ fetch: app.fetch, port, hostname }, () => {
  console.log(`example-hono on http://${hostname}:${port}: provider ${provider.name} (${mode})${controls ? "; POST /dev/sign-in mints tokens" : ""}`);
});
