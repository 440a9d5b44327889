// Runs once when the server starts. Everything it does needs Node.js (the database, IAM, process.exit),
// so it lives in a module the Edge build never sees.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start.ts");
  startServer();
}
