/** Two's-complement little-endian byte forms of integers, as graph-ts stores BigInt. */

/**
 * Any length, sign from bit 7 of the last byte; empty is zero. graph-ts itself writes
 * non-minimal forms (`BigInt.fromI32` is always 4 bytes), so every length is accepted.
 */
export function fromSignedBytesLE(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n === 0) return 0n;
  const unsigned = BigInt("0x" + Buffer.from(bytes).reverse().toString("hex"));
  return (bytes[n - 1] & 0x80) !== 0 ? unsigned - (1n << BigInt(8 * n)) : unsigned;
}

/** Unsigned little-endian (no sign bit). */
export function fromUnsignedBytesLE(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt("0x" + Buffer.from(bytes).reverse().toString("hex"));
}

/**
 * The minimal encoding, byte for byte num-bigint's `to_signed_bytes_le` (0 → [00],
 * 128 → [80 00], −1 → [ff], −129 → [7f ff]), because AS code compares and slices these bytes.
 */
export function toSignedBytesLE(value: bigint): Uint8Array {
  const magnitude = value >= 0n ? value : -value - 1n;
  const bits = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const n = Math.max(1, Math.ceil((bits + 1) / 8));
  return Uint8Array.from(Buffer.from(BigInt.asUintN(8 * n, value).toString(16).padStart(2 * n, "0"), "hex").reverse());
}

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw new Error(`not a hex string: ${hex}`);
  return Uint8Array.from(Buffer.from(body, "hex"));
}
