/** Two's-complement little-endian byte forms of integers, as graph-ts stores BigInt. */

/**
 * Any length, sign from bit 7 of the last byte; empty is zero. graph-ts itself writes
 * non-minimal forms (`BigInt.fromI32` is always 4 bytes), so every length is accepted.
 */
export function fromSignedBytesLE(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n === 0) return 0n;
  const negative = (bytes[n - 1] & 0x80) !== 0;
  // Up to 6 bytes fit a double exactly; most amounts in handlers are this small or are wei.
  if (n <= 6) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + bytes[i];
    return BigInt(negative ? v - 2 ** (8 * n) : v);
  }
  const unsigned = BigInt(hexOfReversed(bytes));
  return negative ? unsigned - (1n << BigInt(8 * n)) : unsigned;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** "0x" and the bytes last to first in hex. */
function hexOfReversed(bytes: Uint8Array): string {
  let s = "0x";
  for (let i = bytes.length - 1; i >= 0; i--) s += HEX_BYTE[bytes[i]];
  return s;
}

/** Unsigned little-endian (no sign bit). */
export function fromUnsignedBytesLE(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(hexOfReversed(bytes));
}

/**
 * The minimal encoding, byte for byte num-bigint's `to_signed_bytes_le` (0 → [00],
 * 128 → [80 00], −1 → [ff], −129 → [7f ff]), because AS code compares and slices these bytes.
 */
export function toSignedBytesLE(value: bigint): Uint8Array {
  // Safe integers: bytes straight from the number, no string round trip.
  if (value >= -0x20000000000000n && value <= 0x20000000000000n) {
    let v = Number(value);
    const out: number[] = [];
    if (v >= 0) {
      do {
        out.push(v % 256);
        v = Math.floor(v / 256);
      } while (v > 0);
      if (out[out.length - 1] & 0x80) out.push(0);
    } else {
      // Two's complement of a negative number, byte by byte: floor division keeps the sign.
      do {
        const b = ((v % 256) + 256) % 256;
        out.push(b);
        v = (v - b) / 256;
      } while (v !== -1 || (out[out.length - 1] & 0x80) === 0);
    }
    return Uint8Array.from(out);
  }
  const magnitude = value >= 0n ? value : -value - 1n;
  const magnitudeHex = magnitude.toString(16);
  // Bits of the magnitude plus a sign bit, rounded up to bytes.
  const bits = 4 * (magnitudeHex.length - 1) + (32 - Math.clz32(Number.parseInt(magnitudeHex[0], 16)));
  const n = Math.max(1, Math.ceil((bits + 1) / 8));
  const hex = (value >= 0n ? magnitudeHex : BigInt.asUintN(8 * n, value).toString(16)).padStart(2 * n, "0");
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Number.parseInt(hex.substr(2 * (n - 1 - i), 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw new Error(`not a hex string: ${hex}`);
  return Uint8Array.from(Buffer.from(body, "hex"));
}
