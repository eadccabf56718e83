export { AuthmuxError, isAuthmuxError, invalidInput, type AuthmuxErrorOptions } from "./authmux-error.js";
export { ERROR_CODES, isErrorCode, type ErrorCode } from "./codes.js";
export { nullIfNotFound } from "./not-found.js";
export { HTTP_STATUS_BY_CODE, httpStatusOf } from "./http-status.js";
