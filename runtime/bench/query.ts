// Query latency on a store of many entity versions (issue 4): Explorer-style GraphQL queries
// against the same rows read with hand-written SQL, the floor to compare with. Runs on PGlite
// and, when DATABASE_URL is set, on PostgreSQL.
//
//   npm run bench:query                 BENCH_VERSIONS (default 1000000), BENCH_RUNS (default 200)
import { performance } from "node:perf_hooks";
import type { StoreValue } from "../src/common/values.ts";
import { fromString } from "../src/host/bigDecimal.ts";
import { createQueryApi } from "../src/graphql/index.ts";
import type { EntityChange } from "../src/store/entityCache.ts";
import { openDriver, type SqlDriver } from "../src/store/sql/driver.ts";
import { dropNamespace, openStore, type SqlStore } from "../src/store/sql/store.ts";

const SCHEMA = `
type Transcoder @entity { id: ID! totalStake: BigDecimal! feeShare: BigInt! active: Boolean! pools: [Pool!]! @derivedFrom(field: "delegate") }
type Delegator @entity { id: ID! bondedAmount: BigDecimal! delegate: Transcoder }
type Pool @entity { id: ID! delegate: Transcoder! round: Int! rewardTokens: BigDecimal! }
interface Event { id: ID! timestamp: Int! round: Int! }
type BondEvent implements Event @entity(immutable: true) { id: ID! timestamp: Int! round: Int! delegator: Delegator! amount: BigDecimal! }
type RewardEvent implements Event @entity(immutable: true) { id: ID! timestamp: Int! round: Int! transcoder: Transcoder! amount: BigDecimal! }
`;

const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PER_BLOCK = 1000; // 200 transcoder, 300 delegator, 100 pool versions, 400 events
const TRANSCODERS = 1000;
const DELEGATORS = 50_000;

const s = (value: string): StoreValue => ({ kind: "String", value });
const i = (value: number): StoreValue => ({ kind: "Int", value });
const bd = (value: number): StoreValue => ({ kind: "BigDecimal", value: fromString(value.toFixed(6)) });
const bi = (value: number): StoreValue => ({ kind: "BigInt", value: BigInt(Math.floor(value)) });
const b = (value: boolean): StoreValue => ({ kind: "Bool", value });
const change = (op: "insert" | "update", type: string, id: string, fields: Record<string, StoreValue>): EntityChange => ({
  op, type, id, entity: new Map([["id", s(id)], ...Object.entries(fields)]),
});

function blockChanges(n: number, seen: Set<string>): EntityChange[] {
  let x = n * 7919;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: EntityChange[] = [];
  const op = (id: string) => (seen.has(id) ? "update" : (seen.add(id), "insert"));
  for (let k = 0; k < 200; k++) {
    const id = `t${(n * 200 + k) % TRANSCODERS}`;
    out.push(change(op(id), "Transcoder", id, { totalStake: bd(rnd() * 1e6), feeShare: bi(rnd() * 1e6), active: b(rnd() < 0.8) }));
  }
  for (let k = 0; k < 300; k++) {
    const id = `d${(n * 300 + k) % DELEGATORS}`;
    out.push(change(op(id), "Delegator", id, { bondedAmount: bd(rnd() * 1e4), delegate: s(`t${Math.floor(rnd() * TRANSCODERS)}`) }));
  }
  for (let k = 0; k < 100; k++) {
    const id = `p${n}-${k}`;
    out.push(change("insert", "Pool", id, { delegate: s(`t${(n + k * 10) % TRANSCODERS}`), round: i(n), rewardTokens: bd(rnd() * 100) }));
  }
  for (let k = 0; k < 200; k++) {
    out.push(change("insert", "BondEvent", `b${n}-${k}`, { timestamp: i(n * 12), round: i(n), delegator: s(`d${(n * 300 + k) % DELEGATORS}`), amount: bd(rnd() * 100) }));
    out.push(change("insert", "RewardEvent", `r${n}-${k}`, { timestamp: i(n * 12), round: i(n), transcoder: s(`t${k % TRANSCODERS}`), amount: bd(rnd() * 100) }));
  }
  return out;
}

async function build(store: SqlStore): Promise<number> {
  const blocks = Math.max(2, Math.ceil(VERSIONS / PER_BLOCK));
  const seen = new Set<string>();
  const t0 = performance.now();
  for (let n = 1; n <= blocks; n++) {
    store.buffer({ number: n, hash: `0x${n.toString(16).padStart(64, "0")}`, timestamp: n * 12, changes: blockChanges(n, seen) });
    if (n % 20 === 0 || n === blocks) await store.flush();
  }
  const t = store.layout.tables;
  for (const table of t.values()) await store.driver.exec(`analyze ${table.qualified}`);
  process.stdout.write(`  built ${blocks * PER_BLOCK} versions in ${blocks} blocks: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return blocks;
}

async function measure(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; qps: number }> {
  for (let k = 0; k < 5; k++) await fn();
  const times: number[] = [];
  const t0 = performance.now();
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  times.sort((a, c) => a - c);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  return { p50: pct(50), p99: pct(99), qps: (RUNS * 1000) / total };
}

async function run(name: string, driver: SqlDriver): Promise<void> {
  const namespace = `bench_${Date.now().toString(36)}`;
  process.stdout.write(`\n${name}\n`);
  const store = await openStore({ schema: SCHEMA, name: "bench", driver, namespace });
  try {
    const head = await build(store);
    const api = createQueryApi(store);
    const t = (n: string) => store.layout.tables.get(n)!.qualified;
    const q = async (query: string) => {
      const r = await api.execute({ query });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    };
    const delegator = "d423"; // written in block 1, so it exists at any size
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "orchestrators by stake",
        () => q(`{ transcoders(first: 100, orderBy: totalStake, orderDirection: desc, where: {active: true}) { id totalStake feeShare } }`),
        () => driver.query(`select id, total_stake::text, fee_share::text from ${t("Transcoder")} where block_range @> $1::int4 and active order by total_stake desc, id desc limit 100`, [head]),
      ],
      [
        "delegator + delegate + pools",
        () => q(`{ delegator(id: "${delegator}") { id bondedAmount delegate { id totalStake pools(first: 10, orderBy: round, orderDirection: desc) { id round rewardTokens } } } }`),
        async () => {
          const [d] = await driver.query(`select id, bonded_amount::text, delegate from ${t("Delegator")} where id = $1 and block_range @> $2::int4`, [delegator, head]);
          await driver.query(`select id, total_stake::text from ${t("Transcoder")} where id = $1 and block_range @> $2::int4`, [d.delegate, head]);
          await driver.query(`select id, round, reward_tokens::text from ${t("Pool")} where delegate = $1 and block_range @> $2::int4 order by round desc, id desc limit 10`, [d.delegate, head]);
        },
      ],
      [
        "latest events (interface)",
        () => q(`{ events(first: 20, orderBy: timestamp, orderDirection: desc) { id timestamp round ... on BondEvent { amount delegator { id } } ... on RewardEvent { amount transcoder { id } } } }`),
        () => driver.query(`(select 'b' as t, id, timestamp, round, amount::text, delegator as ref from ${t("BondEvent")} where "block$" <= $1 order by timestamp desc, id desc limit 20) union all (select 'r', id, timestamp, round, amount::text, transcoder from ${t("RewardEvent")} where "block$" <= $1 order by timestamp desc, id desc limit 20) order by timestamp desc, id desc limit 20`, [head]),
      ],
      [
        "time travel (orchestrators at head/2)",
        () => q(`{ transcoders(block: {number: ${Math.floor(head / 2)}}, first: 100, orderBy: totalStake, orderDirection: desc) { id totalStake } }`),
        () => driver.query(`select id, total_stake::text from ${t("Transcoder")} where block_range @> $1::int4 order by total_stake desc, id desc limit 100`, [Math.floor(head / 2)]),
      ],
    ];
    process.stdout.write(`  ${"query".padEnd(40)} ${"GraphQL p50/p99 ms".padEnd(22)} ${"q/s".padEnd(8)} ${"SQL p50/p99 ms".padEnd(18)} ${"q/s".padEnd(8)} ratio p99\n`);
    for (const [label, gql, sql] of cases) {
      const g = await measure(gql);
      const h = await measure(sql);
      const f = (x: number) => x.toFixed(2);
      process.stdout.write(
        `  ${label.padEnd(40)} ${`${f(g.p50)} / ${f(g.p99)}`.padEnd(22)} ${g.qps.toFixed(0).padEnd(8)} ${`${f(h.p50)} / ${f(h.p99)}`.padEnd(18)} ${h.qps.toFixed(0).padEnd(8)} ${(g.p99 / h.p99).toFixed(2)}x\n`,
      );
    }
  } finally {
    await dropNamespace(driver, namespace);
  }
}

const pglite = await openDriver({});
await run("PGlite (in memory)", pglite);
await pglite.close();
if (process.env.DATABASE_URL) {
  const pg = await openDriver({ databaseUrl: process.env.DATABASE_URL });
  await run(`PostgreSQL (${new URL(process.env.DATABASE_URL).host})`, pg);
  await pg.close();
}
