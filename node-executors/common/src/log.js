// One line per event on stdout ("2026-12-02T07:00:00.000Z INFO name: message"), filtered by LOG_LEVEL.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = LEVELS[(process.env.LOG_LEVEL ?? "info").toLowerCase()] ?? LEVELS.info;

export function logger(name) {
  const write = (level) => (message, error) => {
    if (LEVELS[level] < threshold) return;
    const suffix = error ? ` ${error.stack ?? error}` : "";
    process.stdout.write(`${new Date().toISOString()} ${level.toUpperCase()} ${name}: ${message}${suffix}\n`);
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
