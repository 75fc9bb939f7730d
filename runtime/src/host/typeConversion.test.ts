import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bigIntToHex,
  bigIntToString,
  bytesToBase58,
  bytesToHex,
  bytesToString,
  stringToH160,
} from "./typeConversion.ts";
import { throwsDeterministic } from "../../test/helpers/assertions.ts";


const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);
const utf8 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "utf8"));
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));

describe("typeConversion.bytesToString", () => {
  it("decodes UTF-8", () => {
    assert.equal(bytesToString(utf8("héllo 😀")), "héllo 😀");
    assert.equal(bytesToString(new Uint8Array()), "");
  });

  it("strips only trailing NULs", () => {
    // graph-node's own test vector: a zero-padded, invalid-UTF-8 token name.
    const name = [68, 111, 119, 110, 99, 111, 105, 110, 32, 87, 69, 84, 72, 45, 85, 83, 68, 84];
    assert.equal(bytesToString(u8(...name)), "Downcoin WETH-USDT");
    assert.equal(bytesToString(u8(...name, 160, ...new Array(13).fill(0))), "Downcoin WETH-USDT\uFFFD");
    assert.equal(bytesToString(u8(0x61, 0, 0x62, 0, 0)), "a\u0000b");
    assert.equal(bytesToString(u8(0, 0, 0)), "");
  });

  it("replaces each maximal invalid subsequence with one U+FFFD", () => {
    assert.equal(bytesToString(u8(0x61, 0xe2, 0x82, 0x62)), "a\uFFFDb"); // truncated 3-byte sequence
    assert.equal(bytesToString(u8(0xf0, 0x80, 0x80)), "\uFFFD\uFFFD\uFFFD"); // bad second byte
    assert.equal(bytesToString(u8(0xed, 0xa0, 0x80)), "\uFFFD\uFFFD\uFFFD"); // encoded surrogate
    assert.equal(bytesToString(u8(0xff)), "\uFFFD");
  });

  it("keeps a leading byte-order mark", () => {
    assert.equal(bytesToString(u8(0xef, 0xbb, 0xbf, 0x41)), "\uFEFFA");
  });
});

describe("typeConversion.bytesToHex", () => {
  it("prefixes 0x and uses two lowercase digits per byte", () => {
    assert.equal(bytesToHex(new Uint8Array()), "0x");
    assert.equal(bytesToHex(u8(0, 255, 16, 0xab)), "0x00ff10ab");
  });

  it("respects subarray views", () => {
    const whole = u8(1, 2, 3, 4);
    assert.equal(bytesToHex(whole.subarray(1, 3)), "0x0203");
  });
});

describe("typeConversion BigInt conversions", () => {
  it("bigIntToString / bigIntToHex", () => {
    assert.equal(bigIntToString(-42n), "-42");
    assert.equal(bigIntToHex(-255n), "0xff");
    assert.equal(bigIntToHex(0n), "0x0");
  });
});

describe("typeConversion.stringToH160", () => {
  const address = "a16081f360e3847006db660bae1c6d1b2e17ec2a";

  it("accepts 40 hex digits with or without 0x, any case, no checksum check", () => {
    assert.deepEqual(stringToH160("0x" + address), fromHex(address));
    assert.deepEqual(stringToH160(address), fromHex(address));
    assert.deepEqual(stringToH160("0xA16081F360e3847006dB660bae1c6d1b2e17eC2A"), fromHex(address));
    assert.deepEqual(stringToH160("0x" + address.toUpperCase()), fromHex(address));
  });

  const bad: Array<[string, string]> = [
    ["", "invalid string length"],
    ["0x", "invalid string length"],
    ["0x" + address.slice(1), "odd number of digits"],
    ["0x" + address.slice(2), "invalid string length"],
    ["0x" + address + "00", "invalid string length"],
    ["0X" + address, "invalid string length"],
    ["0x0x" + address.slice(2), "invalid character 'x' at position 1"],
    ["0x" + address.slice(0, 39) + "g", "invalid character 'g' at position 39"],
    [" " + address + " ", "invalid string length"],
    [" " + address.slice(1), "invalid character ' ' at position 0"],
    ["é" + address.slice(2), "invalid character 'Ã' at position 0"],
  ];
  for (const [input, cause] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      throwsDeterministic(() => stringToH160(input), `Failed to convert string to Address: '${input}'`, cause);
    });
  }
});

describe("typeConversion.bytesToBase58", () => {
  // Bitcoin Core's base58 encode test vectors.
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["61", "2g"],
    ["626262", "a3gV"],
    ["636363", "aPEr"],
    ["73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"],
    ["00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"],
    ["516b6fcd0f", "ABnLTmg"],
    ["bf4f89001e670274dd", "3SEo3LWLoPntC"],
    ["572e4794", "3EFU7m"],
    ["ecac89cad93923c02321", "EJDM8drfXA6uyA"],
    ["10c8511e", "Rt5zm"],
    ["00000000000000000000", "1111111111"],
  ];
  for (const [input, expected] of vectors) {
    it(`encodes ${input || "(empty)"}`, () => {
      assert.equal(bytesToBase58(fromHex(input)), expected);
    });
  }

  it("encodes an IPFS CIDv0 multihash", () => {
    const multihash = fromHex("1220" + "00".repeat(32));
    assert.equal(bytesToBase58(multihash), "QmNLei78zWmzUdbeRB3CiUfAizWUrbeeZh5K1rhAQKCh51");
  });

  it("keeps each leading zero byte as '1'", () => {
    assert.equal(bytesToBase58(u8(0)), "1");
    assert.equal(bytesToBase58(u8(0, 0, 1)), "112");
    assert.equal(bytesToBase58(utf8("Hello World!")), "2NEpo7TZRRrLZSi2U");
  });
});
