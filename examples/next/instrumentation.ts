// Runs once when the Next server starts: builds the app from the environment then, so a missing variable or a
// vendor the app cannot use is reported at start-up rather than on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getApp } = await import("./lib/instance");
  await getApp();
}
