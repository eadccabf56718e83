import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect } from "vitest";
import { type AuthmuxError, isAuthmuxError } from "../../src/errors/index.js";

/** A request as it reached the loopback server. */
export interface Received {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the server answers: JSON from `json`, or `text` as is; `hang` never answers, `stallBody` sends headers only. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  hang?: boolean;
  stallBody?: boolean;
}

export type Handler = (request: Received, index: number) => Reply;

/** A real HTTP server on 127.0.0.1 and an ephemeral port that records every request it receives. */
export interface Loopback {
  readonly url: string;
  readonly requests: Received[];
  /** Replaces the handler; the default answers 200 `{ "ok": true }`. */
  reply(handler: Handler): void;
  close(): Promise<void>;
}

/**
 * A fresh loopback server for every test of the file: started before each test and handed to `use`, closed after.
 * `after` runs first on the way out (restoring timers, say).
 */
export function loopbackForEachTest(use: (server: Loopback) => void, after?: () => void): void {
  let server: Loopback | undefined;
  beforeEach(async () => {
    server = await startLoopback();
    use(server);
  });
  afterEach(async () => {
    after?.();
    await server?.close();
  });
}

/** What `promise` rejects with; the test fails if it resolves. */
export function rejection<E = AuthmuxError>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => expect.unreachable("the call should have failed"),
    (error: unknown) => error as E,
  );
}

/** The `AuthmuxError` `promise` rejects with; the test fails if it resolves or rejects with anything else. */
export async function authmuxRejection(promise: Promise<unknown>): Promise<AuthmuxError> {
  const error = await rejection<unknown>(promise);
  expect(isAuthmuxError(error)).toBe(true);
  return error as AuthmuxError;
}

export async function startLoopback(handler: Handler = () => ({ json: { ok: true } })): Promise<Loopback> {
  let current = handler;
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received: Received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(received);
      send(res, current(received, requests.length - 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.json !== undefined) headers["content-type"] ??= "application/json";
  if (reply.stallBody) {
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(body) + 100) });
    res.write(body);
    return;
  }
  res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A loopback URL where nothing listens: a port that was just released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
