/** Host logic behind graph-ts `crypto.*` (module `index`). */
import { keccak_256 } from "@noble/hashes/sha3.js";

// crypto.keccak256(input: ByteArray): ByteArray
export function keccak256(input: Uint8Array): Uint8Array {
  // Ethereum's Keccak-256 (original padding), not NIST SHA3-256, as graph-node/alloy use.
  return keccak_256(input);
}
