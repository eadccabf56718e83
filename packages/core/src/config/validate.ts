import { safeParse } from "zod/v4/core";
import type { $ZodIssue, $ZodType } from "zod/v4/core";
import { AuthmuxError } from "../errors/authmux-error.js";

/**
 * Parses `input` with `schema`; on failure throws `invalid_input` naming each bad option (and the
 * environment variable behind it, when `envVariables` maps one). Values are never echoed: they may be secrets.
 */
export function parseOptions<T>(
  provider: string,
  schema: $ZodType<T, unknown>,
  input: unknown,
  envVariables: Readonly<Record<string, string>> = {},
): T {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, envVariables));
  throw new AuthmuxError("invalid_input", `invalid ${provider} options: ${problems.join("; ")}`, {
    provider,
    cause: result.error.issues.map(({ code, path, message }) => ({ code, path, message })),
  });
}

function describeIssue(issue: $ZodIssue, envVariables: Readonly<Record<string, string>>): string {
  const path = issue.path.map(String).join(".");
  const top = String(issue.path[0] ?? "");
  const variable = envVariables[top];
  const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
  const where = path ? `option "${path}"` : "options";
  const via = variable ? ` (environment variable ${variable})` : "";
  if (missing) return `${where}${via} is missing`;
  return `${where}${via}: ${issue.message}`;
}
