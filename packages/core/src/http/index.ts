export { createHttpClient } from "./create-http-client.js";
export { vendorPath } from "./path.js";
export { defaultErrorMapper } from "./default-error-mapper.js";
export type {
  FetchFunction,
  HeaderRecord,
  HeadersOption,
  HttpClient,
  HttpClientOptions,
  HttpErrorContext,
  HttpErrorMapper,
  HttpMethod,
  HttpMethodInput,
  HttpRequest,
  HttpRequestOptions,
  HttpResponse,
  HttpRetryOptions,
  ResponseSchema,
} from "./types.js";
