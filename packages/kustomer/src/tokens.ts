import {
  AuthmuxError,
  createJwtVerifier,
  type IssueTokenOptions,
  isAuthmuxError,
  type JwtVerifier,
  jwtEngineOptions,
  optionsObject,
  type VerifiedToken,
  verifiedTokenFromClaims,
  verifiedTokenMemo,
  vendorPath,
} from "@authmux/core";
import { CHAT_TOKEN_WINDOW_SEC, type ChatIdentity, checkChatTokenOptions, signChatToken } from "./chat-token.js";
import { type KustomerContext, PROVIDER } from "./context.js";
import { requireCustomerId } from "./users.js";
import { wireCustomerDocument } from "./wire.js";

/** How long an identity → customer id answer is reused: long enough for the hot path, short enough for deletes. */
const CUSTOMER_CACHE_TTL_MS = 60_000;
const CUSTOMER_CACHE_MAX = 10_000;
/** The longest token the verifier reads (core's default `maxTokenBytes`). */
const MAX_TOKEN_LENGTH = 8192;
/** A compact JWS: three base64url parts. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The issuer chat tokens carry and must carry: the `issuer` option, else the API origin. */
export function chatIssuer({ options, http }: Pick<KustomerContext, "options" | "http">): string {
  const issuer = typeof options.issuer === "string" ? options.issuer : options.issuer?.[0];
  return issuer ?? new URL(http.baseUrl).origin;
}

/** The audience issued chat tokens carry (the first `audience` option), if any. */
export const chatAudience = (options: KustomerContext["options"]) => (typeof options.audience === "string" ? options.audience : options.audience?.[0]);

/**
 * Chat login tokens. `issue(customerId)` reads the customer and signs its `externalId` (else its first email) into
 * the token, so Kustomer's chat logs in as exactly that customer. `verify` checks HS256 with the org's chat
 * secret through core's engine (`iat` within 15 minutes), then resolves the named identity (email wins, as at
 * Kustomer) to the customer's id: the neutral `userId` is the Kustomer customer id, the same id `users.get`
 * takes. The resolution is cached per identity for a minute, so a busy customer costs one lookup.
 */
export function tokensMember(context: KustomerContext) {
  const { http, options, clock, chatSecret } = context;
  const issuer = chatIssuer(context);
  const audience = chatAudience(options);
  const customerIds = new Map<string, { id: string; until: number }>();
  let verifier: Promise<JwtVerifier> | undefined;
  // The verifier once built, for cache hits without another promise.
  let ready: JwtVerifier | undefined;
  // A token verified before comes back as the same VerifiedToken (for the same customer), not a new copy of its claims.
  const memo = verifiedTokenMemo();

  const build = async (): Promise<JwtVerifier> =>
    createJwtVerifier({
      secret: await chatSecret(),
      issuer: options.issuer ?? issuer,
      audience: options.audience,
      algorithms: ["HS256"],
      typ: "JWT",
      maxAgeSec: CHAT_TOKEN_WINDOW_SEC,
      requiredClaims: ["iat"],
      ...jwtEngineOptions(options),
      clock,
      provider: PROVIDER,
    });

  /** The customer id of `identity` when looked up less than the cache lifetime ago. */
  function knownCustomerId(identity: ChatIdentity): string | undefined {
    const hit = customerIds.get(cacheKey(identity));
    return hit && hit.until > clock() ? hit.id : undefined;
  }

  async function customerIdOf(identity: ChatIdentity, token: string): Promise<string> {
    const key = cacheKey(identity);
    const known = knownCustomerId(identity);
    if (known !== undefined) return known;
    const path = lookupPath(identity);
    let id: string;
    try {
      id = (await http.request("GET", path, { schema: wireCustomerDocument, secrets: [token] })).data.data.id;
    } catch (error) {
      if (isAuthmuxError(error) && error.code === "not_found") {
        throw new AuthmuxError("token_invalid", `token rejected: no Kustomer customer has the token's ${identity.email !== undefined ? "email" : "externalId"}`, { provider: PROVIDER, cause: error });
      }
      throw error;
    }
    remember(key, id);
    return id;
  }

  function remember(key: string, id: string) {
    // Oldest first out: a Map iterates in insertion order.
    if (customerIds.size >= CUSTOMER_CACHE_MAX) customerIds.delete(customerIds.keys().next().value as string);
    customerIds.set(key, { id, until: clock() + CUSTOMER_CACHE_TTL_MS });
  }

  return {
    async verify(token: string): Promise<VerifiedToken> {
      // A token verified before (and its customer looked up lately) is had without another promise.
      const hit = ready?.peek(token);
      const known = hit === undefined ? undefined : knownCustomerId(identityOf(hit.claims));
      if (hit !== undefined && known !== undefined) return memo(hit.claims, () => toVerifiedToken(hit.claims, known), known);
      // What is no JWT at all is refused before the chat secret is fetched; the verifier checks the rest.
      if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
        throw new AuthmuxError("token_invalid", "token rejected: not a compact JWS (three base64url parts) of at most 8192 characters", { provider: PROVIDER });
      }
      const pending = (verifier ??= build().then((built) => (ready = built)));
      pending.catch(() => {
        if (verifier === pending) verifier = undefined;
      });
      const { claims } = await (await pending).verify(token);
      const identity = identityOf(claims);
      const customerId = await customerIdOf(identity, token);
      return memo(claims, () => toVerifiedToken(claims, customerId), customerId);
    },

    async issue(subject: string, given?: IssueTokenOptions): Promise<string> {
      const customerId = requireCustomerId(subject, "subject (a Kustomer customer id)");
      const issueOptions = optionsObject(given, "tokens.issue options");
      if (issueOptions.sessionId !== undefined) throw new AuthmuxError("invalid_input", "Kustomer has no sessions: a chat token takes no sessionId");
      const tokenOptions = {
        ...(issueOptions.expiresInSeconds !== undefined ? { expiresInSeconds: issueOptions.expiresInSeconds } : {}),
        ...(issueOptions.claims !== undefined ? { claims: issueOptions.claims } : {}),
      };
      // Checked before the customer is read (claims as JSON too): bad options never cost a request.
      checkChatTokenOptions(tokenOptions);
      const customer = (await http.request("GET", vendorPath`/v1/customers/${customerId}`, { schema: wireCustomerDocument })).data.data;
      const { externalId } = customer.attributes;
      const email = customer.attributes.emails?.[0]?.email;
      // The externalId when there is one: it is what the app's own user is known by, and it never changes.
      const identity: ChatIdentity | undefined = externalId ? { externalId } : email ? { email } : undefined;
      if (identity === undefined) {
        throw new AuthmuxError("invalid_input", `customer ${customerId} has neither an externalId nor an email, so Kustomer chat cannot identify it`, { provider: PROVIDER });
      }
      const token = await signChatToken(await chatSecret(), identity, { nowMs: clock(), issuer, audience }, tokenOptions);
      remember(cacheKey(identity), customer.id);
      return token;
    },
  };
}

/** `email=…` or `externalId=…`: the cache key. */
const cacheKey = (identity: ChatIdentity) => (identity.email !== undefined ? `email=${identity.email.toLowerCase()}` : `externalId=${identity.externalId}`);

/** The lookup of the customer a token names: one path segment, the value percent-encoded. */
function lookupPath(identity: ChatIdentity): string {
  try {
    return identity.email !== undefined ? vendorPath`/v1/customers/email=${identity.email}` : vendorPath`/v1/customers/externalId=${identity.externalId}`;
  } catch (error) {
    // Signed, but naming a value no customer can have (a dot segment, over 1024 characters).
    throw new AuthmuxError("token_invalid", "token rejected: its email or externalId cannot name a Kustomer customer", { provider: PROVIDER, cause: error });
  }
}

/** The identity a verified chat token names; the email wins when both are present, as at Kustomer. */
function identityOf(claims: Readonly<Record<string, unknown>>): ChatIdentity {
  if (typeof claims.email === "string" && claims.email.length > 0) return { email: claims.email };
  if (typeof claims.externalId === "string" && claims.externalId.length > 0) return { externalId: claims.externalId };
  throw new AuthmuxError("token_invalid", "token rejected: it names no customer (neither email nor externalId)", { provider: PROVIDER });
}

/** The neutral view of a verified chat token; it expires at `exp` or at the end of the `iat` window, whichever is first. */
export function toVerifiedToken(claims: Readonly<Record<string, unknown>>, userId: string): VerifiedToken {
  const iat = claims.iat as number;
  // Kustomer keeps no server-side sessions for customers.
  return verifiedTokenFromClaims(claims, PROVIDER, { userId, expiresAt: new Date(Math.min(claims.exp as number, iat + CHAT_TOKEN_WINDOW_SEC) * 1000) });
}
