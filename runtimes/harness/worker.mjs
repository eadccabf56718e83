// Entry for workerd: the tests load and run inside a request (timers and crypto need one), and the
// results come back as JSON.
import { loadTests } from "authmux-runtime-tests";
import { run } from "./runner.mjs";

/**
 * The vendor fakes (`@authmux/<vendor>/testing`, test kits only) import msw, whose cookie store, built when
 * msw is imported, needs either a Node `process` or a `localStorage`. A Worker without nodejs_compat has
 * neither, so there (and only there) the fakes get an in-memory `localStorage`. The adapters, core and the
 * middleware read neither; the report says when this stand-in was installed.
 */
function localStorageForMsw() {
  if (typeof globalThis.process !== "undefined" || typeof globalThis.localStorage !== "undefined") return false;
  const items = new Map();
  globalThis.localStorage = {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
  return true;
}

/** Whether this Worker may compile WebAssembly from bytes at run time (workerd forbids it). */
async function wasmFromBytesAllowed() {
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

/**
 * Tests that need what workerd forbids, skipped only when it does forbid it. The Clerk and Stytch fakes check
 * imported bcrypt, argon2 and scrypt hashes with hash-wasm, which compiles its WebAssembly from bytes at run
 * time; workerd refuses ("WebAssembly.compile(): Wasm code generation disallowed by embedder"). The adapters
 * only send the hash to the vendor: what cannot run here is the fake's check of it.
 */
const NEEDS_RUNTIME_WASM = {
  test: /^conformance: (clerk|stytch) > passwords\.import > (every hash it takes signs the user in|a hash given as text is parsed the same way)/,
  reason: "the vendor fake checks bcrypt/argon2/scrypt hashes with hash-wasm, which compiles WebAssembly at run time: workerd forbids that (Wasm code generation disallowed by embedder)",
};

let results;

export default {
  async fetch() {
    results ??= (async () => {
      const notes = localStorageForMsw() ? ["an in-memory localStorage was given to msw (imported by the vendor fakes)"] : [];
      await loadTests();
      return { ...(await run({ skips: (await wasmFromBytesAllowed()) ? [] : [NEEDS_RUNTIME_WASM] })), notes };
    })();
    return Response.json(await results);
  },
};
