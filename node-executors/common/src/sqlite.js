// A SQLite failure (better-sqlite3's SqliteError, or an ORM's exception that copies its `code`) as the
// dependency fault the contract reports: 503 naming sqlite. Anything else is returned unchanged.
import { DependencyUnavailable } from "./errors.js";

const FILE_CODES = /^E(ACCES|ROFS|NOSPC|PERM|NOENT|NOTDIR|EXIST)$/;

export function sqliteFailure(e, timeoutSeconds) {
  const code = typeof e?.code === "string" ? e.code : "";
  if (!code.startsWith("SQLITE_") && !FILE_CODES.test(code)) return e;
  const detail =
    code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")
      ? `sqlite did not answer within ${timeoutSeconds} s (${e.message}).`
      : `sqlite refused the request (${code}: ${e.message}).`;
  return new DependencyUnavailable("sqlite", detail, { cause: e });
}
