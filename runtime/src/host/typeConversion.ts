/**
 * Host logic behind graph-ts `typeConversion.*` (module `conversion`). The BigInt
 * conversions live in bigInt.ts and are re-exported here under their import names.
 */
import { DeterministicError } from "../common/errors.ts";
import { toHex as bigIntToHexImpl, toString as bigIntToStringImpl } from "./bigInt.ts";

// `ignoreBOM: true` keeps a leading U+FEFF, as Rust's from_utf8_lossy does; the default
// TextDecoder would silently drop it. Non-fatal mode replaces each maximal invalid
// subsequence with one U+FFFD, the same rule Rust uses.
const lossyUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

// typeConversion.bytesToString(bytes: Uint8Array): string
export function bytesToString(bytes: Uint8Array): string {
  // graph-node trims trailing NULs because such strings often come from fixed-size,
  // zero-padded buffers (e.g. bytes32 names); NULs elsewhere are kept here.
  return lossyUtf8.decode(bytes).replace(/\u0000+$/, "");
}

// typeConversion.bytesToHex(bytes: Uint8Array): string
export function bytesToHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

// typeConversion.bigIntToString(bigInt: Uint8Array): string
export function bigIntToString(x: bigint): string {
  return bigIntToStringImpl(x);
}

// typeConversion.bigIntToHex(bigInt: Uint8Array): string
export function bigIntToHex(x: bigint): string {
  return bigIntToHexImpl(x);
}

/** Rust `{:?}` of a char, enough for the hex-decoding error text. */
function rustCharDebug(c: string): string {
  const escapes: Record<string, string> = {
    "\0": "\\0",
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "'": "\\'",
    "\\": "\\\\",
  };
  return `'${escapes[c] ?? c}'`;
}

/**
 * alloy `Address::from_str` (const-hex `decode_to_slice`): the whole string's *byte*
 * length must be even, then one lowercase `0x` prefix is dropped, then exactly 40 hex
 * digits of either case must remain. Returns the const-hex error text on failure.
 */
function decodeAddressHex(s: string): Uint8Array | string {
  const raw = Buffer.from(s, "utf8");
  if (raw.length % 2 !== 0) return "odd number of digits";
  const body = raw[0] === 0x30 && raw[1] === 0x78 ? raw.subarray(2) : raw;
  if (body.length !== 40) return "invalid string length";
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    const hex = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    // const-hex reports the offending *byte* as a char (Latin-1 view of UTF-8 bytes).
    if (!hex) return `invalid character ${rustCharDebug(String.fromCharCode(b))} at position ${i}`;
  }
  return Uint8Array.from(Buffer.from(body.toString("latin1"), "hex"));
}

// typeConversion.stringToH160(s: string): Bytes
export function stringToH160(s: string): Uint8Array {
  const decoded = decodeAddressHex(s);
  if (typeof decoded === "string") {
    throw new DeterministicError(`Failed to convert string to Address: '${s}'`, {
      cause: new Error(decoded),
    });
  }
  return decoded;
}

const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// typeConversion.bytesToBase58(n: Uint8Array): string
export function bytesToBase58(bytes: Uint8Array): string {
  // bs58 (Bitcoin alphabet): every leading zero byte becomes a literal '1'.
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Base-58 digits, least significant first, built by repeated multiply-and-add.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = "1".repeat(zeros);
  for (let j = digits.length - 1; j >= 0; j--) out += BASE58_ALPHABET[digits[j]!];
  return out;
}
