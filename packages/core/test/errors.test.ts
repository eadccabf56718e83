import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthmuxError, ERROR_CODES, HTTP_STATUS_BY_CODE, httpStatusOf, isAuthmuxError } from "../src/index.js";

describe("AuthmuxError", () => {
  const secret = "sk_live_4f9a8b7c6d5e4f3a2b1c";
  const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJlLXBhcnQ";
  // A vendor error body that echoes our own key and the user's token back, as some APIs do.
  const vendorBody = { errors: [{ message: `invalid key ${secret} for token ${token}`, code: "unauthorized" }] };

  function fromVendor() {
    return new AuthmuxError("provider_auth_failed", `vendor said: ${vendorBody.errors[0]!.message}`, {
      provider: "clerk",
      status: 401,
      requestId: "req_123",
      cause: vendorBody,
      secrets: [secret],
    });
  }

  it("carries code, provider, status, requestId and the vendor body as cause", () => {
    const error = fromVendor();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AuthmuxError");
    expect(error.code).toBe("provider_auth_failed");
    expect(error.provider).toBe("clerk");
    expect(error.status).toBe(401);
    expect(error.requestId).toBe("req_123");
    expect(error.cause).toBe(vendorBody);
    expect(error.stack?.split("\n")[0]).toMatch(/^AuthmuxError: /);
  });

  it("never shows the secret or the token in message, toString, JSON or util.inspect", () => {
    const error = fromVendor();
    for (const text of [error.message, String(error), error.toString(), JSON.stringify(error), inspect(error), inspect(error, { depth: 10, showHidden: false }), error.stack ?? ""]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
    }
    expect(error.message).toBe("vendor said: invalid key [redacted] for token [redacted]");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "AuthmuxError",
      code: "provider_auth_failed",
      message: "vendor said: invalid key [redacted] for token [redacted]",
      provider: "clerk",
      status: 401,
      requestId: "req_123",
    });
    expect(inspect(error)).toContain("AuthmuxError [provider_auth_failed] (clerk)");
    expect(inspect({ wrapped: error })).not.toContain(secret);
  });

  it("redacts bearer credentials and key-shaped strings even when not listed as secrets", () => {
    const error = new AuthmuxError("provider_error", "sent Authorization: Bearer abcdefghijklmnop and sk_test_abcdefgh1234");
    expect(error.message).toBe("sent Authorization: Bearer [redacted] and [redacted]");
  });

  it("leaves ordinary prose alone", () => {
    const text = "token rejected: signature does not match; Basic checks passed; a bearer of news";
    expect(new AuthmuxError("token_invalid", text).message).toBe(text);
  });

  it("isAuthmuxError recognises errors from another copy of the package by brand", () => {
    expect(isAuthmuxError(fromVendor())).toBe(true);
    expect(isAuthmuxError(new Error("x"))).toBe(false);
    expect(isAuthmuxError({ code: "not_found" })).toBe(false);
    expect(isAuthmuxError(null)).toBe(false);
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    Object.defineProperty(foreign, Symbol.for("authmux.error"), { value: true });
    expect(isAuthmuxError(foreign)).toBe(true);
  });

  it("has exactly the closed set of codes of the contract (DESIGN.md, Errors)", () => {
    expect([...ERROR_CODES].sort()).toEqual(
      [
        "invalid_input", "invalid_credentials", "token_invalid", "token_expired", "token_not_yet_valid", "session_invalid", "not_found",
        "conflict", "rate_limited", "provider_unavailable", "provider_auth_failed", "webhook_invalid", "quota_exceeded",
        "permission_denied", "unauthenticated", "not_supported", "provider_error",
      ].sort(),
    );
  });
});

describe("httpStatusOf", () => {
  it("maps every code to a 4xx or 5xx status, and anything that is not an AuthmuxError to 500", () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusOf(new AuthmuxError(code, "x"));
      expect(status).toBe(HTTP_STATUS_BY_CODE[code]);
      expect(status >= 400 && status <= 599).toBe(true);
    }
    expect(httpStatusOf(new AuthmuxError("token_expired", "x"))).toBe(401);
    expect(httpStatusOf(new AuthmuxError("provider_unavailable", "x"))).toBe(503);
    expect(httpStatusOf(Object.assign(new Error("x"), { code: "not_found" }))).toBe(500);
    expect(httpStatusOf(null)).toBe(500);
  });
});
