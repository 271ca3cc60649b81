// SQLite checkpoints: sizes of a thread, and the state store's faults as 503 naming sqlite within the bound.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DependencyUnavailable } from "@benchapp/executor-common";
import Database from "better-sqlite3";
import { FILE_NAME, SqliteCheckpoints } from "../src/checkpoints.js";

function withStore(fn, timeoutSeconds = 0.3) {
  const dir = mkdtempSync(join(tmpdir(), "node-langgraph-ckpt-"));
  const store = new SqliteCheckpoints(dir, timeoutSeconds);
  return Promise.resolve(fn(store, dir)).finally(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

const checkpoint = (id) => ({ v: 4, id, ts: new Date(0).toISOString(), channel_values: { messages: ["x".repeat(100)] }, channel_versions: {}, versions_seen: {} });
const put = (saver, thread, id) =>
  saver.put({ configurable: { thread_id: thread, checkpoint_ns: "" } }, checkpoint(id), { source: "loop", step: 1, parents: {} }, {});

test("a thread's size counts its rows; an unknown thread has none", () =>
  withStore(async (store) => {
    const saver = store.open();
    assert.deepEqual(store.size("nobody"), { checkpoints: 0, bytes: 0 });
    await put(saver, "a", "1f000000-0000-6000-8000-000000000001");
    const one = store.size("a");
    assert.equal(one.checkpoints, 1);
    assert.ok(one.bytes > 100, `${one.bytes} bytes`);
    await put(saver, "a", "1f000000-0000-6000-8000-000000000002");
    const two = store.size("a");
    assert.equal(two.checkpoints, 2);
    assert.ok(two.bytes > one.bytes);
    assert.deepEqual(store.size("b"), { checkpoints: 0, bytes: 0 });
  }));

test("a database locked by another connection: DependencyUnavailable naming sqlite within the busy timeout", () =>
  withStore(async (store, dir) => {
    const saver = store.open();
    const other = new Database(join(dir, FILE_NAME));
    other.exec("BEGIN EXCLUSIVE");
    try {
      const started = Date.now();
      await assert.rejects(put(saver, "a", "1f000000-0000-6000-8000-000000000003"), (e) => {
        assert.ok(e instanceof DependencyUnavailable);
        assert.equal(e.dependency, "sqlite");
        assert.match(e.message, /^sqlite did not answer within 0.3 s \(database is locked\)\.$/);
        return true;
      });
      const waited = Date.now() - started;
      assert.ok(waited >= 250 && waited < 5000, `waited ${waited} ms`);
      assert.throws(() => store.ping(), (e) => e instanceof DependencyUnavailable && /within 0.2 s/.test(e.message));
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    store.ping(); // and it recovers
    await put(saver, "a", "1f000000-0000-6000-8000-000000000004");
    assert.equal(store.size("a").checkpoints, 1);
  }));

test("an unwritable database file: DependencyUnavailable naming sqlite", (t) =>
  withStore(async (store, dir) => {
    const saver = store.open();
    await put(saver, "a", "1f000000-0000-6000-8000-000000000005");
    // Not -shm: it is mmapped, and making a mapped file immutable ends the process with SIGBUS.
    const files = [FILE_NAME, `${FILE_NAME}-wal`].map((f) => join(dir, f));
    try {
      execFileSync("chattr", ["+i", ...files], { stdio: "ignore" });
    } catch {
      t.skip("chattr +i is not possible here (needs root on a file system with the immutable flag)");
      return;
    }
    try {
      await assert.rejects(put(saver, "a", "1f000000-0000-6000-8000-000000000006"), (e) => e instanceof DependencyUnavailable && e.dependency === "sqlite");
      assert.throws(() => store.ping(), DependencyUnavailable);
    } finally {
      execFileSync("chattr", ["-i", ...files], { stdio: "ignore" });
    }
    store.ping();
  }));

test("a directory the file cannot be created in: open fails as sqlite unavailable", () => {
  const dir = mkdtempSync(join(tmpdir(), "node-langgraph-ckpt-"));
  try {
    writeFileSync(join(dir, "a-file"), "");
    const store = new SqliteCheckpoints(join(dir, "a-file", "data"), 0.3); // a path under a regular file
    assert.throws(() => store.open(), (e) => e instanceof DependencyUnavailable && e.dependency === "sqlite");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
