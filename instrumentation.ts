// Runs once when the server starts: a bad configuration stops it here, with every problem named,
// instead of failing at the first request (or, worse, serving with a half-valid one).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env.ts");
  try {
    env();
  } catch (error) {
    console.error(`keyrotate: ${(error as Error).message}`);
    process.exit(1);
  }
}
