import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gndMismatch } from "./compare.ts";

describe("gnd assertion comparison", () => {
  test("objects match in any key order; arrays match in any order", () => {
    assert.equal(gndMismatch({ a: [1, 2, { b: "x" }], c: null }, { c: null, a: [{ b: "x" }, 2, 1] }), null);
  });

  test("a string matches a number with the same text; booleans and nulls do not coerce", () => {
    assert.equal(gndMismatch({ v: "123" }, { v: 123 }), null);
    assert.equal(gndMismatch({ v: 123 }, { v: "123" }), null);
    assert.equal(gndMismatch({ v: "true" }, { v: true }), 'data.v: expected "true", got true');
    assert.equal(gndMismatch({ v: null }, { v: "0" }), 'data.v: expected null, got "0"');
  });

  test("differences are named by their path", () => {
    assert.equal(gndMismatch({ a: { b: "1" } }, { a: { b: "2" } }), 'data.a.b: expected "1", got "2"');
    assert.equal(gndMismatch({ a: 1 }, {}), "data.a: expected 1, but the field is missing");
    assert.equal(gndMismatch({}, { a: 1 }), "data: unexpected field `a`");
    assert.equal(gndMismatch([1, 2], [1]), "data: expected 2 item(s), got 1: [1]");
    assert.equal(gndMismatch([{ id: "a" }, { id: "b" }], [{ id: "a" }, { id: "c" }]), 'data[1].id: expected "b", got "c"');
  });

  test("repeated items must be repeated as often", () => {
    assert.match(gndMismatch(["a", "a", "b"], ["a", "b", "b"]) ?? "", /no item equals "a"|expected "a"/);
  });
});
