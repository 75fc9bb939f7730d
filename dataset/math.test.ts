import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fracOf, MINTER_PERC, PERC, percOf, percPoints, PRECISE } from "./math.ts";

describe("PreciseMathUtils", () => {
  test("percOf(a, num, denom) truncates the fraction before applying it", () => {
    // 1/3 at 1e27 is 333…333 (27 digits); 10 * that / 1e27 = 3.33… -> 3, and a one-step 10 * 1 / 3 is also 3,
    // but 7e18 * (2/3) differs in the last digits: two-step 4666666666666666666, one-step 4666666666666666666.
    assert.equal(percPoints(PRECISE, 1n, 3n), 333_333_333_333_333_333_333_333_333n);
    assert.equal(fracOf(PRECISE, 10n, 1n, 3n), 3n);
    // A case where the two roundings differ: 10^27 + 1 over a fraction of 2/3.
    const amount = 10n ** 27n + 1n;
    assert.equal(fracOf(PRECISE, amount, 2n, 3n), 666_666_666_666_666_666_666_666_666n);
    assert.equal((amount * 2n) / 3n, 666_666_666_666_666_666_666_666_667n);
  });

  test("a delegator's stake grows by the ratio of cumulative reward factors", () => {
    // bonded 1000 LPT, CRF from 1.0 to 1.05: 1050 LPT exactly
    const start = 10n ** 27n;
    const end = 1_050_000_000_000_000_000_000_000_000n;
    assert.equal(fracOf(PRECISE, 1000n * 10n ** 18n, end, start), 1050n * 10n ** 18n);
    // CRF 1.0 -> 1 + 1/3: 3 LPT become 3.999999999999999999 (the fraction keeps 27 digits)
    const third = start + percPoints(PRECISE, 1n, 3n);
    assert.equal(fracOf(PRECISE, 3n * 10n ** 18n, third, start), 3_999_999_999_999_999_999n);
  });

  test("the treasury cut is a one-step percOf at 1e27", () => {
    assert.equal(percOf(PRECISE, 12_345n * 10n ** 18n, 10n ** 26n), 1_234_500_000_000_000_000_000n);
    assert.equal(percOf(PRECISE, 19n, 10n ** 26n), 1n);
  });
});

describe("MathUtils and MathUtilsV2", () => {
  test("reward and fee cuts use 1e6, the Minter 1e9", () => {
    assert.equal(percOf(PERC, 1_000_001n, 250_000n), 250_000n);
    assert.equal(percOf(MINTER_PERC, 30_000_000n * 10n ** 18n, 220_500n), 6_615n * 10n ** 18n);
    // bonding rate 12/30 at 1e9
    assert.equal(percPoints(MINTER_PERC, 12n, 30n), 400_000_000n);
    // mint share: 6615 LPT * (stake 3 / total 7), fraction truncated at 1e9 first
    assert.equal(fracOf(MINTER_PERC, 6_615n * 10n ** 18n, 3n, 7n), (6_615n * 10n ** 18n * 428_571_428n) / 1_000_000_000n);
  });
});
