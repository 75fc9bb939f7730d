import assert from "node:assert/strict";
import { test } from "node:test";
import { fromString, toString } from "../host/bigDecimal.ts";
import { formatBigDecimal } from "./scalars.ts";

test("BigDecimal output of plain decimals equals the full normalization", () => {
  const samples = [
    "0", "-0", "0.000000", "-0.000", "7", "100", "-100", "10.00", "10.50", "10.0500", "0.1", "-0.5", "0.000001",
    "123456.789000", "1000000000000000000000000000000", "1234567890123456789012345678901.25",
    "99999999999999999999999999999999.5", "-9999999999999999999999999999999.999",
    "1.00000000000000000000000000000000000001", "123456789012345678901234567890123456", "1e5", "1.5E-3",
  ];
  for (const s of samples) assert.equal(formatBigDecimal(s), toString(fromString(s)), s);
});
