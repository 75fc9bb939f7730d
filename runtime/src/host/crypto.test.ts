import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak256 } from "./crypto.ts";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const utf8 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "utf8"));

describe("crypto.keccak256", () => {
  it("hashes the empty input with Keccak padding (not NIST SHA3-256)", () => {
    const digest = keccak256(new Uint8Array());
    assert.ok(digest instanceof Uint8Array);
    assert.equal(digest.length, 32);
    assert.equal(hex(digest), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assert.notEqual(hex(digest), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  });

  it("gives the well-known event topic for Transfer", () => {
    assert.equal(
      hex(keccak256(utf8("Transfer(address,address,uint256)"))),
      "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
    );
  });

  it("hashes 'abc'", () => {
    assert.equal(hex(keccak256(utf8("abc"))), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  });

  it("hashes exactly the bytes of a subarray view", () => {
    const backing = utf8("xxabcxx");
    assert.equal(hex(keccak256(backing.subarray(2, 5))), hex(keccak256(utf8("abc"))));
  });
});
