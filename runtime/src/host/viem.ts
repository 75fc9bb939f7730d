import { createRequire } from "node:module";

type Viem = typeof import("viem");

let loaded: Viem | null = null;

/**
 * viem's ABI codec, loaded on first use: the package takes about a second to load, and most
 * test runs never encode or decode ABI data.
 */
export function viem(): Viem {
  loaded ??= createRequire(import.meta.url)("viem") as Viem;
  return loaded;
}
