// LangGraph.js checkpoints in a SQLite file (SqliteSaver over better-sqlite3), so a session outlives the process.
// Every saver call is timed as the run's state time, and a SQLite failure becomes a 503 naming sqlite.
// better-sqlite3 is synchronous: a locked database blocks the event loop for up to the busy timeout, which is
// therefore the state-store bound (STATE_STORE_TIMEOUT_SECONDS, 2 s).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { meterStateCalls, sqliteFailure } from "@benchapp/executor-common";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import Database from "better-sqlite3";

export const FILE_NAME = "langgraph-checkpoints.sqlite";
const SAVER_METHODS = ["getTuple", "put", "putWrites"];
const HEALTH_BUSY_MS = 200;

// Payload bytes of a thread's rows, every column (SQLite's page and index overhead not counted).
const THREAD_SIZE_SQL = `
SELECT
  (SELECT count(*) FROM checkpoints WHERE thread_id = @thread) AS checkpoints,
  (SELECT ifnull(sum(octet_length(thread_id) + octet_length(checkpoint_ns) + octet_length(checkpoint_id)
      + ifnull(octet_length(parent_checkpoint_id), 0) + ifnull(octet_length(type), 0)
      + ifnull(octet_length(checkpoint), 0) + ifnull(octet_length(metadata), 0)), 0)
     FROM checkpoints WHERE thread_id = @thread)
  + (SELECT ifnull(sum(octet_length(thread_id) + octet_length(checkpoint_ns) + octet_length(checkpoint_id)
      + octet_length(task_id) + 8 + octet_length(channel) + ifnull(octet_length(type), 0)
      + ifnull(octet_length(value), 0)), 0)
     FROM writes WHERE thread_id = @thread) AS bytes`;

export class SqliteCheckpoints {
  constructor(dataDir, timeoutSeconds) {
    this.path = resolve(join(dataDir, FILE_NAME));
    this.timeoutSeconds = timeoutSeconds;
    this.db = null;
    this.saver = null;
  }

  /** Opens the file (and creates the tables) if not open yet; DependencyUnavailable when it cannot. */
  open() {
    if (this.saver) return this.saver;
    let db;
    try {
      mkdirSync(join(this.path, ".."), { recursive: true });
      db = new Database(this.path, { timeout: this.timeoutSeconds * 1000 });
      const saver = new SqliteSaver(db);
      saver.setup(); // WAL journal, CREATE TABLE IF NOT EXISTS checkpoints / writes
      this.threadSize = db.prepare(THREAD_SIZE_SQL);
      this.db = db;
      // Timed as state; a failure kept on the run: LangGraph reports a run's first error, and a GraphRecursionError
      // would hide a failed final write.
      this.saver = meterStateCalls(saver, SAVER_METHODS, (e) => this.failure(e));
      return this.saver;
    } catch (e) {
      db?.close();
      throw this.failure(e);
    }
  }

  /** {checkpoints, bytes} of a thread: checkpoints 0 means the session does not exist. */
  size(threadId) {
    this.open();
    try {
      return this.threadSize.get({ thread: threadId });
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** Health: the file is open, its write lock can be taken now (a short wait) and a write lands. */
  ping() {
    this.open();
    try {
      this.db.pragma(`busy_timeout = ${HEALTH_BUSY_MS}`);
      this.db.exec("CREATE TABLE IF NOT EXISTS benchapp_health (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL)");
      this.healthWrite ??= this.db.prepare("INSERT OR REPLACE INTO benchapp_health (id, checked_at) VALUES (1, ?)");
      this.healthWrite.run(new Date().toISOString());
    } catch (e) {
      throw this.failure(e, HEALTH_BUSY_MS / 1000);
    } finally {
      this.db?.pragma(`busy_timeout = ${this.timeoutSeconds * 1000}`);
    }
  }

  close() {
    this.db?.close();
    this.db = this.saver = this.healthWrite = null;
  }

  /** A SQLite error as the dependency fault the contract reports; anything else unchanged. */
  failure(e, seconds = this.timeoutSeconds) {
    return sqliteFailure(e, seconds);
  }
}
