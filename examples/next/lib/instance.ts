// One app per server process, built from the environment on first use. Kept on globalThis: Next bundles the proxy
// and each route separately, and they must share one provider (the mock's and the fakes' state and keys live in it).
import { type AppHandlers, type AppOptions, createHandlers } from "./app";
import { providerFromEnv } from "./provider";

const SLOT = Symbol.for("@authmux/example-next");
type Slot = { [SLOT]?: Promise<AppHandlers> };

/** The app for this process's environment (AUTHMUX_PROVIDER, AUTHMUX_FAKE, the vendor's variables). */
export function getApp(): Promise<AppHandlers> {
  const slot = globalThis as Slot;
  slot[SLOT] ??= providerFromEnv(process.env).then(({ provider, controls }) => createHandlers(provider, { controls, onWebhook: logWebhook }));
  return slot[SLOT];
}

/** Tests: route handlers and the proxy use this app from now on (`undefined`: the environment's again). */
export function setApp(app: AppHandlers | undefined): void {
  (globalThis as Slot)[SLOT] = app && Promise.resolve(app);
}

function logWebhook(event: Parameters<NonNullable<AppOptions["onWebhook"]>>[0]): void {
  console.log(`webhook ${event.type} ${event.id} (user ${event.data.userId ?? event.data.user?.id ?? "-"})`);
}
