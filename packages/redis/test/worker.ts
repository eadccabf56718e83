// A separate process, as another instance of an app would be: forked by the tests with tsx, told what to do in
// its arguments, answering over IPC.
import { redisQuotaStore, redisRevocationStore } from "../src/index.js";
import { connect } from "./redis.js";

const [mode, url, prefix, ...rest] = process.argv.slice(2) as [string, string, string, ...string[]];
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const client = await connect(url);
if (mode === "consume") {
  const [attempts, limit] = rest.map(Number) as [number, number];
  const store = redisQuotaStore({ client, prefix, limits: { calls: { limit } } });
  // Wait for the go signal, so every process starts at once.
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const outcomes = await Promise.allSettled(Array.from({ length: attempts }, () => store.consume("shared", "calls", 1)));
  const refused = outcomes.filter((o) => o.status === "rejected");
  await send({
    granted: outcomes.length - refused.length,
    refused: refused.length,
    otherErrors: refused.filter((o) => (o as PromiseRejectedResult).reason?.code !== "quota_exceeded").length,
  });
} else if (mode === "revoke") {
  const store = redisRevocationStore({ client, prefix });
  await store.start();
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  await store.revokeSession(rest[0]!, 60);
  await send({ revokedAt: Date.now() });
  await store.close();
}
await client.close();
