import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";
import { DependencyUnavailable, meterStateCalls, RunAccounting, sqliteFailure } from "../src/index.js";

function busyError() {
  return Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
}

function store() {
  return {
    calls: 0,
    async load(id) {
      this.calls += 1;
      await sleep(20);
      return `state of ${id}`;
    },
    async save() {
      throw busyError();
    },
    async untouched() {
      throw busyError();
    },
  };
}

test("a metered store's calls count as the run's state time and keep their results", async () => {
  const s = meterStateCalls(store(), ["load", "save"], (e) => sqliteFailure(e, 2));
  const acct = new RunAccounting();
  const value = await acct.bind(() => s.load("a"));
  assert.equal(value, "state of a");
  assert.equal(s.calls, 1);
  assert.ok(acct.stateMs >= 15, `stateMs ${acct.stateMs}`);
  assert.equal(acct.stateError, null);
});

test("a store failure is mapped, thrown and kept as the run's first state error", async () => {
  const s = meterStateCalls(store(), ["load", "save"], (e) => sqliteFailure(e, 2));
  const acct = new RunAccounting();
  const first = await acct.bind(() => s.save()).catch((e) => e);
  assert.ok(first instanceof DependencyUnavailable);
  assert.match(first.message, /sqlite did not answer within 2 s/);
  await acct.bind(() => s.save()).catch(() => {});
  assert.equal(acct.stateError, first);
});

test("outside a run the calls still map failures; methods not named are left alone", async () => {
  const s = meterStateCalls(store(), ["save"], (e) => sqliteFailure(e, 2));
  await assert.rejects(s.save(), DependencyUnavailable);
  await assert.rejects(s.untouched(), (e) => e.code === "SQLITE_BUSY" && !(e instanceof DependencyUnavailable));
});
