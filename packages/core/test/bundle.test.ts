import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// esbuild, the bundler tsup uses (and what most edge toolchains run on).
const here = dirname(fileURLToPath(import.meta.url));
// (tsup's own copy, which core does not list itself: typed here by the little this test uses.)
const esbuild = createRequire(createRequire(join(here, "..", "package.json")).resolve("tsup"))("esbuild") as {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ text: string }> }>;
};

async function bundle(contents: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: here, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    conditions: ["authmux-source", "workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    logLevel: "silent",
    external: ["#signature"],
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("what a bundle of an app carries", () => {
  it("an app that calls loadProvider does not carry the mock provider (it is loaded by name, like the adapters)", async () => {
    const code = await bundle(`import { loadProvider } from "@authmux/core"; export const auth = () => loadProvider();`);
    expect(code).toContain("AUTHMUX_PROVIDER");
    // Strings only the mock's code holds.
    expect(code).not.toContain("AUTHMUX_MOCK_ISSUER");
    expect(code).not.toContain("seedUser");
  });

  it("an app that calls loadProviderFromEnv carries neither the mock nor the fakes' loader (both imported by name when chosen)", async () => {
    const code = await bundle(`import { loadProviderFromEnv } from "@authmux/core"; export const auth = () => loadProviderFromEnv();`);
    expect(code).toContain("AUTHMUX_FAKE");
    expect(code).not.toContain("AUTHMUX_MOCK_ISSUER");
    expect(code).not.toContain("loadFakeProvider refuses");
  });

  it("an app that passes the mock in adapters carries it", async () => {
    const code = await bundle(
      `import { loadProvider } from "@authmux/core"; import { mockDefinition } from "@authmux/core/testing"; export const auth = () => loadProvider({ adapters: [mockDefinition] });`,
    );
    expect(code).toContain("AUTHMUX_MOCK_ISSUER");
  });
});
