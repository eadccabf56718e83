import { getApp } from "../../../lib/instance";

// proxy.ts refused requests without a valid session already; the handler verifies again (requireSession), as Next
// advises: a matcher change must not leave a route open.
export async function GET(request: Request): Promise<Response> {
  return (await getApp()).me(request);
}
