// Query latency on a store of many entity versions (issue 4): Explorer-style GraphQL queries
// against the same rows read with hand-written SQL, the floor to compare with. Runs on PGlite
// and, when DATABASE_URL is set, on PostgreSQL.
//
//   npm run bench:query                 BENCH_VERSIONS (default 1000000), BENCH_RUNS (default 1000)
//   BENCH_BACKENDS=pglite,postgres      which backends to run (postgres needs DATABASE_URL)
//   BENCH_EXPLAIN=1                     also print EXPLAIN ANALYZE of every statement of each case
//   BENCH_KEEP=1                        keep the bench schemas (to study plans with psql)
//   BENCH_VACUUM=0                      only analyze after the build (dead versions stay)
//
// GraphQL and SQL are timed alternately, run by run, so that both see the same machine: a shared
// machine's noise comes in phases, and timing one side after the other compares two phases.
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
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const BACKENDS = (process.env.BENCH_BACKENDS ?? "pglite,postgres").split(",");
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
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
  // Closing a version leaves a dead tuple behind; PostgreSQL's autovacuum removes them soon
  // after, so queries are measured on vacuumed tables unless BENCH_VACUUM=0. (PGlite has no
  // autovacuum: there, only what the store itself runs.)
  const t = store.layout.tables;
  const vacuum = process.env.BENCH_VACUUM === "0" ? "" : "vacuum ";
  for (const table of t.values()) await store.driver.exec(`${vacuum}analyze ${table.qualified}`);
  process.stdout.write(`  built ${blocks * PER_BLOCK} versions in ${blocks} blocks: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return blocks;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, c) => a - c);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Timing {
  p50: number;
  p99: number;
  /** Queries per second over the measured runs of this side alone. */
  qps: number;
}

/** `a` and `b` timed alternately, `RUNS` times each, after a warm-up. */
async function measurePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: Timing; b: Timing }> {
  for (let k = 0; k < 20; k++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  const timing = (times: number[]): Timing => ({
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    qps: (times.length * 1000) / times.reduce((x, y) => x + y, 0),
  });
  return { a: timing(ta), b: timing(tb) };
}

/** A driver that can record the statements run through it, for `BENCH_EXPLAIN`. */
function recording(driver: SqlDriver) {
  let log: { sql: string; params: readonly unknown[] }[] | null = null;
  const wrapped: SqlDriver = {
    kind: driver.kind,
    query: (sql, params = []) => (log?.push({ sql, params }), driver.query(sql, params)),
    exec: (sql) => driver.exec(sql),
    transaction: (fn) => driver.transaction(fn),
    close: () => driver.close(),
  };
  const capture = async (fn: () => Promise<unknown>) => {
    log = [];
    await fn();
    const out = log;
    log = null;
    return out;
  };
  return { driver: wrapped, capture };
}

async function explain(driver: SqlDriver, statements: { sql: string; params: readonly unknown[] }[]): Promise<void> {
  for (const { sql, params } of statements) {
    const plan = await driver.query(`explain (analyze, costs off) ${sql}`, params);
    process.stdout.write(`    ${sql}\n      ${plan.map((r) => Object.values(r)[0]).join("\n      ")}\n`);
  }
}

async function run(name: string, base: SqlDriver): Promise<void> {
  const namespace = `bench_${Date.now().toString(36)}`;
  process.stdout.write(`\n${name}\n`);
  const { driver, capture } = recording(base);
  const store = await openStore({ schema: SCHEMA, name: "bench", driver, namespace });
  try {
    const head = await build(store);
    const api = createQueryApi(store);
    const t = (n: string) => store.layout.tables.get(n)!.qualified;
    const q = async (query: string) => {
      const r = await api.execute({ query });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    };
    // The floor: the best SQL a person would write for the same rows at the same block, in one
    // statement each. Mutable rows are visible when `block_range @> $b`; the redundant bounds
    // are how graph-node (and our store) let the planner use the upper-bound index. References
    // are joined, as GraphQL must check that the referenced entity exists at the block; one id's
    // visible version is the last one starting at or before the block (one index step).
    const vis = (a: string) => `${a}.block_range @> $1::int4 and coalesce(upper(${a}.block_range), 2147483647) > $1::int4 and lower(${a}.block_range) <= $1::int4`;
    const byId = (type: string, id: string, r = "r") =>
      `left join lateral (select ${r}.* from ${t(type)} ${r} where ${r}.id = ${id} and lower(${r}.block_range) <= $1::int4 order by lower(${r}.block_range) desc limit 1) ${r} on ${r}.block_range @> $1::int4`;
    const delegator = "d423"; // written in block 1, so it exists at any size
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "orchestrators by stake",
        () => q(`{ transcoders(first: 100, orderBy: totalStake, orderDirection: desc, where: {active: true}) { id totalStake feeShare } }`),
        () => driver.query(`select c.id, c.total_stake::text as stake, c.fee_share::text as fee_share from ${t("Transcoder")} c where ${vis("c")} and c.active order by c.total_stake desc, c.id desc limit 100`, [head]),
      ],
      [
        "delegator + delegate + pools",
        () => q(`{ delegator(id: "${delegator}") { id bondedAmount delegate { id totalStake pools(first: 10, orderBy: round, orderDirection: desc) { id round rewardTokens } } } }`),
        () =>
          driver.query(
            `select d.id, d.bonded_amount::text as bonded, x.id as delegate, x.total_stake::text as stake, p.id as pool, p.round, p.reward_tokens::text as reward
             from ${t("Delegator")} d
             ${byId("Transcoder", "d.delegate", "x")}
             left join lateral (select p.id, p.round, p.reward_tokens from ${t("Pool")} p where p.delegate = x.id and ${vis("p")} order by p.round desc, p.id desc limit 10) p on true
             where d.id = $2 and d.block_range @> $1::int4`,
            [head, delegator],
          ),
      ],
      [
        "latest events (interface)",
        () => q(`{ events(first: 20, orderBy: timestamp, orderDirection: desc) { id timestamp round ... on BondEvent { amount delegator { id } } ... on RewardEvent { amount transcoder { id } } } }`),
        () =>
          driver.query(
            `select * from (
               (select 'BondEvent' as type, e.id, e.timestamp, e.round, e.amount::text as amount, r.id as ref
                from (select * from ${t("BondEvent")} e where e."block$" <= $1::int4 order by e.timestamp desc, e.id desc limit 20) e
                ${byId("Delegator", "e.delegator")})
               union all
               (select 'RewardEvent', e.id, e.timestamp, e.round, e.amount::text, r.id
                from (select * from ${t("RewardEvent")} e where e."block$" <= $1::int4 order by e.timestamp desc, e.id desc limit 20) e
                ${byId("Transcoder", "e.transcoder")})
             ) u order by u.timestamp desc, u.id desc limit 20`,
            [head],
          ),
      ],
      [
        "time travel (orchestrators at head/2)",
        () => q(`{ transcoders(block: {number: ${Math.floor(head / 2)}}, first: 100, orderBy: totalStake, orderDirection: desc) { id totalStake } }`),
        () => driver.query(`select c.id, c.total_stake::text as stake from ${t("Transcoder")} c where ${vis("c")} order by c.total_stake desc, c.id desc limit 100`, [Math.floor(head / 2)]),
      ],
    ];
    process.stdout.write(
      `  ${"query".padEnd(40)} ${"GraphQL p50/p99 ms".padEnd(22)} ${"q/s".padEnd(8)} ${"SQL p50/p99 ms".padEnd(18)} ${"q/s".padEnd(8)} ${"ratio p50".padEnd(10)} ${"ratio p99".padEnd(10)} statements\n`,
    );
    for (const [label, gql, sql] of cases) {
      if (EXPLAIN) {
        process.stdout.write(`  ${label}: GraphQL\n`);
        await explain(base, await capture(gql));
        process.stdout.write(`  ${label}: SQL\n`);
        await explain(base, await capture(sql));
      }
      const { a: g, b: h } = await measurePair(gql, sql);
      // The statements one GraphQL request runs in steady state, when the indexing status comes
      // from the API's cache: the fewer of two requests in a row, as one of them may be the
      // request that reads the status again (every `statusTtlMs`).
      const statements = Math.min((await capture(gql)).length, (await capture(gql)).length);
      const f = (x: number) => x.toFixed(2);
      process.stdout.write(
        `  ${label.padEnd(40)} ${`${f(g.p50)} / ${f(g.p99)}`.padEnd(22)} ${g.qps.toFixed(0).padEnd(8)} ${`${f(h.p50)} / ${f(h.p99)}`.padEnd(18)} ${h.qps.toFixed(0).padEnd(8)} ${`${(g.p50 / h.p50).toFixed(2)}x`.padEnd(10)} ${`${(g.p99 / h.p99).toFixed(2)}x`.padEnd(10)} ${statements}\n`,
      );
    }
  } finally {
    if (process.env.BENCH_KEEP === "1") process.stdout.write(`  kept namespace ${namespace}\n`);
    else await dropNamespace(driver, namespace);
  }
}

if (BACKENDS.includes("pglite")) {
  const pglite = await openDriver({});
  await run("PGlite (in memory)", pglite);
  await pglite.close();
}
if (process.env.DATABASE_URL && BACKENDS.includes("postgres")) {
  const pg = await openDriver({ databaseUrl: process.env.DATABASE_URL });
  await run(`PostgreSQL (${new URL(process.env.DATABASE_URL).host})`, pg);
  await pg.close();
}
