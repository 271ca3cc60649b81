// ADK's DatabaseSessionService on a SQLite file through MikroORM's better-sqlite driver, so a session outlives
// the process. @google/adk 2.0.0 `sessions/database_session_service.js`: a connection string picks the driver by
// scheme (`sqlite://` loads @mikro-orm/sqlite, `sessions/db/operations.js` getConnectionOptionsFromUri); an
// options object with `driver` is passed to MikroORM.init as is (ADK adds its entities), which lets the executor
// use better-sqlite3, the SQLite node-langgraph uses. init() creates the tables (updateSchema safe) and checks
// ADK's schema version. Every service call is timed as the run's state time; a SQLite failure becomes a 503
// naming sqlite. better-sqlite3 is synchronous: a locked file blocks the event loop up to the busy timeout, the
// state-store bound (STATE_STORE_TIMEOUT_SECONDS).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DatabaseSessionService } from "@google/adk";
import { BetterSqliteDriver } from "@mikro-orm/better-sqlite";
import { meterStateCalls, sqliteFailure } from "@benchapp/executor-common";

export const FILE_NAME = "adk-sessions.sqlite";
const SERVICE_METHODS = ["getSession", "createSession", "appendEvent"];
const HEALTH_BUSY_MS = 200;

// Payload bytes of a session's rows (its `sessions` row and its `events`), SQLite's page overhead not counted.
const SESSION_SIZE_SQL = `
SELECT
  (SELECT count(*) FROM sessions WHERE app_name = ? AND user_id = ? AND id = ?) AS sessions,
  (SELECT ifnull(sum(octet_length(id) + octet_length(app_name) + octet_length(user_id) + octet_length(session_id)
      + octet_length(invocation_id) + ifnull(octet_length(timestamp), 0) + ifnull(octet_length(event_data), 0)), 0)
     FROM events WHERE app_name = ? AND user_id = ? AND session_id = ?)
  + (SELECT ifnull(sum(octet_length(id) + octet_length(app_name) + octet_length(user_id) + ifnull(octet_length(state), 0)
      + ifnull(octet_length(create_time), 0) + ifnull(octet_length(update_time), 0)), 0)
     FROM sessions WHERE app_name = ? AND user_id = ? AND id = ?) AS bytes`;

export class SqliteSessions {
  constructor(dataDir, timeoutSeconds, { appName, userId }) {
    this.path = resolve(join(dataDir, FILE_NAME));
    this.timeoutSeconds = timeoutSeconds;
    this.appName = appName;
    this.userId = userId;
    this.service = null;
    this.journal = null;
  }

  /** The initialised session service (tables created); DependencyUnavailable when the file cannot be used. */
  async open() {
    if (this.service) return this.service;
    const service = new DatabaseSessionService({
      driver: BetterSqliteDriver,
      dbName: this.path,
      // knex's better-sqlite3 dialect opens the file without better-sqlite3's `timeout` option (default 5 s):
      // the busy timeout is set on each new connection instead.
      pool: {
        afterCreate: (db, done) => {
          try {
            db.pragma(`busy_timeout = ${this.timeoutSeconds * 1000}`);
            done(null, db);
          } catch (e) {
            done(e, db);
          }
        },
      },
      debug: false,
      allowGlobalContext: false,
    });
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      await service.init();
    } catch (e) {
      await service.orm?.close(true).catch(() => {}); // init failed after MikroORM connected: start afresh next time
      throw this.failure(e);
    }
    this.journal = await readJournal(service.orm.em.getConnection()).catch((e) => `unread (${e.message})`);
    // Timed as state; a failure kept on the run: the Runner calls the service itself and may wrap its error.
    this.service = meterStateCalls(service, SERVICE_METHODS, (e) => this.failure(e));
    return this.service;
  }

  /** {sessions, bytes} of a session: sessions 0 means it does not exist. */
  async size(sessionId) {
    const service = await this.open();
    const key = [this.appName, this.userId, sessionId];
    try {
      return await service.orm.em.getConnection().execute(SESSION_SIZE_SQL, [...key, ...key, ...key], "get");
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** Health: the file is open, its write lock can be taken now (a short wait) and a write lands. */
  async ping() {
    const service = await this.open();
    const connection = service.orm.em.getConnection();
    try {
      await connection.execute(`PRAGMA busy_timeout = ${HEALTH_BUSY_MS}`);
      await connection.execute("CREATE TABLE IF NOT EXISTS benchapp_health (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL)");
      await connection.execute("INSERT OR REPLACE INTO benchapp_health (id, checked_at) VALUES (1, ?)", [new Date().toISOString()]);
    } catch (e) {
      throw this.failure(e, HEALTH_BUSY_MS / 1000);
    } finally {
      await connection.execute(`PRAGMA busy_timeout = ${this.timeoutSeconds * 1000}`).catch(() => {});
    }
  }

  async close() {
    const orm = this.service?.orm;
    this.service = null;
    await orm?.close(true);
  }

  failure(e, seconds = this.timeoutSeconds) {
    return sqliteFailure(e, seconds);
  }
}

const SYNCHRONOUS = ["OFF", "NORMAL", "FULL", "EXTRA"];

// What each commit costs depends on these two, which ADK and MikroORM leave at SQLite's defaults: read, not assumed.
async function readJournal(connection) {
  const [journal] = await connection.execute("PRAGMA journal_mode");
  const [sync] = await connection.execute("PRAGMA synchronous");
  return `journal_mode=${journal.journal_mode}, synchronous=${SYNCHRONOUS[sync.synchronous] ?? sync.synchronous}`;
}
