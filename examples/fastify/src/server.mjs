// @ts-check
// pnpm --filter @authmux/example-fastify start: builds the provider from the environment and listens.
import { isAuthmuxError } from "@authmux/core";
import { createApp } from "./app.mjs";
import { providerFromEnv } from "./provider.mjs";

const loaded = await providerFromEnv(process.env).catch((error) => {
  // A missing variable or an unknown provider: say which, and stop (messages never hold a secret).
  if (!isAuthmuxError(error)) throw error;
  console.error(`example-fastify cannot start: ${error.message}`);
  process.exit(1);
});
const { provider, mode, controls } = loaded;
const app = createApp(provider, {
  controls,
  logger: true,
  onWebhook: (event) => console.log(`webhook ${event.type} ${event.id} (user ${event.data.userId ?? event.data.user?.id ?? "-"})`),
});
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
await app.listen({ port, host });
console.log(`example-fastify on http://${host}:${port}: provider ${provider.name} (${mode})${controls ? "; POST /dev/sign-in mints tokens" : ""}`);
