import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "redis";

/**
 * The Redis the tests run against: AUTHMUX_REDIS_URL (.ci/run starts a server on a free loopback port and sets
 * it). Without it the suites are skipped locally, saying how to run them; in CI a missing server is a failure.
 */
export const REDIS_URL = process.env.AUTHMUX_REDIS_URL;
if (!REDIS_URL && process.env.CI) throw new Error("AUTHMUX_REDIS_URL is not set: .ci/run starts redis-server and sets it");
export const SKIP_REASON = "no Redis: start one (redis-server --port 6390 --save '') and set AUTHMUX_REDIS_URL=redis://127.0.0.1:6390";

/** A connected client; closed by the caller. */
export async function connect(url: string = REDIS_URL ?? "redis://127.0.0.1:6379") {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(retries * 50, 500) } });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** A key prefix no other test uses. */
export const freshPrefix = (label: string) => `authmux-test:${label}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;

/** Keys under `prefix` that still exist. */
export async function liveKeys(client: Awaited<ReturnType<typeof connect>>, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...(batch as unknown as string[]));
  const exists = await Promise.all(keys.map((k) => client.exists(k)));
  return keys.filter((_, i) => exists[i] === 1);
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private redis-server (the binary .ci/run installs), persisting every write, that a test may stop and start again. */
export async function privateServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "authmux-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(process.env.AUTHMUX_REDIS_SERVER ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", ""], { stdio: "ignore" });
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
        probe.on("error", () => undefined);
        await probe.connect();
        await probe.close();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
