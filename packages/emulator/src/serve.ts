// Node entry point: serves a fake over node:http (the emulator command and tests); never bundled for the edge.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Anything that answers a Web `Request` with a `Response`: every vendor fake's `handle`. */
export interface RequestHandler {
  /** Answers one request. */
  handle(request: Request): Promise<Response>;
}

/** Where to listen. */
export interface ServeOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Loopback only unless told otherwise. Default `127.0.0.1`. */
  host?: string;
}

/** A running loopback server. */
export interface Served<F> {
  /** `http://host:port`, no trailing slash. */
  readonly origin: string;
  /** The port it listens on. */
  readonly port: number;
  /** The fake answering behind it. */
  readonly fake: F;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Listens first, then builds the fake with the origin it will be reached at (fakes check the origin of every
 * request, so they must know it), and serves it: each Node request becomes a Web `Request` for `fake.handle`.
 */
export async function serveFake<F extends RequestHandler>(build: (origin: string) => F, options: ServeOptions = {}): Promise<Served<F>> {
  const host = options.host ?? "127.0.0.1";
  let fake: F | undefined;
  const server = createServer((req, res) => {
    if (fake === undefined) return void res.writeHead(503).end();
    answer(fake, host, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(error instanceof Error ? error.message : "internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  fake = build(origin);
  const built = fake;
  return {
    origin,
    port,
    fake: built,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(fake: RequestHandler, host: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hostHeader = req.headers.host ?? host;
  const method = req.method ?? "GET";
  const body = chunks.length > 0 && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : null;
  let request: Request;
  try {
    request = new Request(`http://${hostHeader}${req.url ?? "/"}`, { method, headers, body });
  } catch (error) {
    // Node parses requests the Fetch API refuses (a TRACE or CONNECT method, a Host that is no URL host): no vendor
    // route could answer them, and the emulator did not fail.
    res.writeHead(400, { "content-type": "text/plain" });
    res.end(`the emulator cannot serve this request: ${error instanceof Error ? error.message : "not a valid HTTP request"}`);
    return;
  }
  const response = await fake.handle(request);
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}
