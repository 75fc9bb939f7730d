/**
 * The small dataset indexed through the real runtime: every entity type gets rows, and the indexed
 * state equals the generator's state account exactly (compare.ts lists the fields).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";
import { openDriver } from "../runtime/src/store/sql/driver.ts";
import { compareToState } from "./compare.ts";
import { generate } from "./generate.ts";
import { ROOT } from "./abi.ts";
import { indexDataset, type IndexOutcome } from "./index.ts";

const dir = mkdtempSync(path.join(tmpdir(), "livepeer-dataset-"));
const { stateFile } = generate({ seed: 1, out: path.join(dir, "small.jsonl"), scale: "small" });
const state = JSON.parse(readFileSync(stateFile, "utf8"));

// The README's metric queries, run on the dataset `npm start` serves. Their placeholders become
// the delegator (not an orchestrator) that claimed earnings most recently, and its delegate.
const [delegator, { delegate }] = Object.entries(state.delegators as Record<string, { delegate: string; lastClaimRound: string }>)
  .filter(([id, d]) => d.delegate !== id && d.delegate !== null)
  .sort(([, a], [, b]) => Number(b.lastClaimRound) - Number(a.lastClaimRound))[0];
const readmeQueries = metricQueriesOfReadme().map((q) =>
  q.replaceAll('"<delegator>"', `"${delegator}"`).replaceAll('"<its delegate>"', `"${delegate}"`),
);
// Protocol.rewardRate is the last closed round's, Protocol.inflationRate the open round's: the
// real rate is checked on one round.
const PROTOCOL_METRICS = `{ protocol(id: "0") { inflationRate realizedInflationRate stakingRatio participationRate rewardRate }
  rounds(first: 1, orderBy: startTimestamp, orderDirection: desc, where: { rewardRate_not: null }) { id inflationRate rewardRate realRewardRate } }`;
const TOP_ORCHESTRATORS = `{ transcoders(first: 3, orderBy: totalStake, orderDirection: desc) { id rewardCut thirtyDayDelegatorRewardRate
  thirtyDayDelegatorFeeRate thirtyDayDelegatorRealRewardRate thirtyDayOrchestratorRewardRate thirtyDayMissedRewardCalls thirtyDayActiveRounds } }`;

function metricQueriesOfReadme(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Metrics"), readme.indexOf("\n## ", readme.indexOf("\n## Metrics") + 1));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

// PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it).
const backends = [{ name: "pglite", url: undefined as string | undefined }];
if (process.env.DATABASE_URL) backends.push({ name: "postgres", url: process.env.DATABASE_URL });

for (const backend of backends) describe(`indexing the small dataset (${backend.name})`, () => {
  let outcome: IndexOutcome;
  before(async () => {
    const driver = await openDriver({ databaseUrl: backend.url });
    try {
      outcome = await indexDataset(path.join(dir, "small.jsonl"), driver, [PROTOCOL_METRICS, TOP_ORCHESTRATORS, ...readmeQueries]);
    } finally {
      await driver.close();
    }
  });

  test("runs to the end without errors or mapping warnings", () => {
    assert.equal(outcome.result.outcome, "done", JSON.stringify(outcome.result.error));
    assert.deepEqual(outcome.warnings, []);
  });

  test("every entity type of schema.graphql has rows", () => {
    const empty = outcome.types.filter((type) => outcome.rows(type).length === 0);
    assert.deepEqual(empty, []);
  });

  test("indexed entities equal the state account, exactly in wei", () => {
    const { mismatches, checked } = compareToState(outcome.rows, JSON.parse(readFileSync(stateFile, "utf8")));
    assert.deepEqual(mismatches, []);
    assert.ok(checked > 1000, `only ${checked} values compared`);
  });

  // Ranges, not exact values: the generator's parameters (inflation near 0.024%/round, about 456
  // rounds a year, a third of the supply staked, cuts of 0–50%) bound what sane figures are.
  test("staking metrics on the dataset are sane", () => {
    const protocol = outcome.answers[0].data!.protocol as Record<string, string>;
    const n = (v: unknown) => Number(v);
    assert.ok(n(protocol.inflationRate) > 0.02 && n(protocol.inflationRate) < 0.5, protocol.inflationRate);
    assert.ok(Math.abs(n(protocol.realizedInflationRate) - n(protocol.inflationRate)) < 0.01, protocol.realizedInflationRate);
    assert.ok(n(protocol.stakingRatio) > 0.1 && n(protocol.stakingRatio) < 0.9, protocol.stakingRatio);
    assert.ok(Math.abs(n(protocol.stakingRatio) - n(protocol.participationRate)) < 0.001);
    // Stakers share the inflation (less the treasury cut), plus fees.
    const perStake = n(protocol.inflationRate) / n(protocol.stakingRatio);
    assert.ok(n(protocol.rewardRate) > perStake * 0.8 && n(protocol.rewardRate) < perStake * 2, protocol.rewardRate);
    const [closed] = outcome.answers[0].data!.rounds as Array<Record<string, string>>;
    const real = (1 + n(closed.rewardRate)) / (1 + n(closed.inflationRate)) - 1;
    assert.ok(Math.abs(n(closed.realRewardRate) - real) < 1e-9, `round ${closed.id}: ${closed.realRewardRate}`);

    const top = outcome.answers[1].data!.transcoders as Array<Record<string, string | number>>;
    assert.equal(top.length, 3);
    for (const t of top) {
      const delegatorRate = n(t.thirtyDayDelegatorRewardRate);
      assert.ok(delegatorRate > 0 && delegatorRate < n(protocol.rewardRate), `${t.id}: ${delegatorRate}`);
      assert.ok(n(t.thirtyDayOrchestratorRewardRate) > delegatorRate, `${t.id}: the reward cut adds to the orchestrator's rate`);
      assert.ok(n(t.thirtyDayDelegatorFeeRate) >= 0 && n(t.thirtyDayDelegatorFeeRate) < 1, `${t.id}: fee rate`);
      assert.ok(n(t.thirtyDayDelegatorRealRewardRate) < delegatorRate + n(t.thirtyDayDelegatorFeeRate), `${t.id}: real rate`);
      assert.ok(n(t.thirtyDayActiveRounds) >= 1 && n(t.thirtyDayActiveRounds) <= 30, `${t.id}: active rounds`);
      assert.ok(n(t.thirtyDayMissedRewardCalls) <= n(t.thirtyDayActiveRounds), `${t.id}: missed calls`);
    }
  });

  test("the README's metric queries run and return rows", () => {
    assert.equal(readmeQueries.length, 3);
    for (const [i, answer] of outcome.answers.slice(2).entries()) {
      assert.equal(answer.errors, undefined, `README query ${i + 1}: ${JSON.stringify(answer.errors)}`);
      for (const [field, value] of Object.entries(answer.data!)) {
        assert.ok(Array.isArray(value) ? value.length > 0 : value !== null, `README query ${i + 1}: \`${field}\` is empty`);
      }
    }
  });
});
