import assert from "node:assert/strict";
import { test } from "node:test";
import { formatNumber } from "../src/numbers.js";

test("six decimals, midpoints of the shortest form away from zero, no trailing zeros, no -0", () => {
  const cases = [
    [0, "0"], [-0, "0"], [1, "1"], [-1.5, "-1.5"], [0.1 + 0.2, "0.3"], [2.675, "2.675"],
    [0.0000005, "0.000001"], [-0.0000005, "-0.000001"], [0.00000049, "0"], [-0.0000004, "0"],
    [1e-7, "0"], [1.5e-6, "0.000002"], [123456.0000005, "123456.000001"], [0.9999995, "1"],
    [-0.9999995, "-1"], [999999999999999.9, "999999999999999.9"], [1e15, null], [-1e15, null], [999999999999999, "999999999999999"],
    [NaN, null], [Infinity, null], [1 / 3, "0.333333"], [80779853376, "80779853376"], [3 / 1024, "0.00293"],
  ];
  for (const [value, expected] of cases) assert.equal(formatNumber(value), expected, String(value));
});
