import { safeParse, type core } from "zod/mini";
import { AuthmuxError } from "../errors/index.js";
import type { CallRecord } from "./call.js";
import type { HttpClientConfig } from "./client-config.js";
import { conforms } from "./conforms.js";
import { callSecrets } from "./secrets.js";
import type { ResponseSchema } from "./types.js";

/**
 * The data of a 2xx response: the parsed JSON (`undefined` for an empty body), validated by `schema` when
 * given. A body that is not JSON or does not match is `provider_unavailable`, worded as a broken promise
 * of the vendor API (not a transport failure), with the parse error as `cause`.
 */
export function responseData(config: HttpClientConfig, response: Response, call: CallRecord, schema: ResponseSchema | undefined): unknown {
  let data: unknown;
  if (call.text !== "") {
    try {
      data = JSON.parse(call.text);
    } catch (error) {
      throw unexpectedBody(config, response, call, "a body that is not valid JSON", error);
    }
  }
  // The common case costs a walk of the answer, not zod's copy of it (see conforms.ts).
  if (schema === undefined || conforms(schema, data)) return data;
  const result = safeParse(schema, data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? "s" : ""})` : "";
  const detail = issues[0] === undefined ? "" : `: ${describeIssue(issues[0], data)}${more}`;
  throw unexpectedBody(config, response, call, `a body that does not match the expected shape${detail}`, result.error);
}

// zod/mini ships no locale, so its messages are a bare "Invalid input": describe type mismatches from the
// issue and the type (never the value) found in the body.
function describeIssue(issue: core.$ZodIssue, data: unknown): string {
  const where = issue.path.length === 0 ? "the body" : `"${issue.path.map(String).join(".")}"`;
  if (issue.code === "invalid_type") return `${where}: expected ${issue.expected}, received ${typeName(valueAt(data, issue.path))}`;
  return `${where}: ${issue.message} (${issue.code})`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function unexpectedBody(config: HttpClientConfig, response: Response, call: CallRecord, what: string, cause: unknown): AuthmuxError {
  const { provider } = config;
  const requestId = config.requestIdHeader === undefined ? null : response.headers.get(config.requestIdHeader);
  return new AuthmuxError(
    "provider_unavailable",
    `${provider}: ${call.method} ${call.path} answered HTTP ${response.status} with ${what}, which is not what the ${provider} API promises; the vendor API may have changed or a proxy answered instead.`,
    {
      provider,
      status: response.status,
      cause,
      secrets: callSecrets(config, call),
      ...(requestId === null ? {} : { requestId }),
    },
  );
}
