import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeEventLog, encodeEventTopics, type Abi } from "viem";
import { encodeLog, loadAbi, topic0 } from "./abi.ts";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const C = "0x00000000000000000000000000000000000000cc";

describe("event encoding", () => {
  test("topic0 values match PROTOCOL.md", () => {
    assert.equal(topic0("BondingManager", "Bond"), "0xe5917769f276ddca9f2ee7c6b0b33e1d1e1b61008010ce622c632dd20d168a23");
    assert.equal(topic0("BondingManager", "EarningsClaimed"), "0xd7eab0765b772ea6ea859d5633baf737502198012e930f257f90013d9b211094");
    assert.equal(topic0("BondingManager", "TreasuryReward"), "0x40e200718fe552021167687e5491d09f5931275b6f88f14a462650f0effb5237");
    assert.equal(topic0("RoundsManager", "NewRound"), "0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786");
    assert.equal(topic0("TicketBroker", "WinningTicketRedeemed"), "0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7");
    assert.equal(topic0("BondingVotes", "DelegatorBondedAmountChanged"), "0x1232f54fc2d34f79dc63b496ab493d834655fc2ea6d945ca547e9be242fd2b72");
    assert.equal(topic0("LivepeerGovernor", "ProposalCreated"), "0x7d84a6263ae0d98d3329bd7b46bb4e8d6f98cd35a7adb45c274c8b7fd5ebd5e0");
    assert.equal(topic0("Treasury", "CallScheduled"), "0x4cf4410cc57040e44862ef0f45f3dd5a5e02db8eb8add648d4b0e236f1d07dca");
    assert.equal(topic0("L2Migrator", "MigrateDelegatorFinalized"), "0xab2cb96eeb8726c709227935b01f6a5c6f7e9b518ab69eda0670c7ceda752d1a");
  });

  test("Bond: three indexed addresses in topics, amounts in data, as viem encodes them", () => {
    const log = encodeLog("BondingManager", "Bond", [A, B, C, 5n, 12n]);
    const abi = loadAbi("BondingManager") as Abi;
    assert.deepEqual(log.topics, encodeEventTopics({ abi, eventName: "Bond", args: { newDelegate: A, oldDelegate: B, delegator: C } } as never));
    assert.equal(log.data, "0x" + 5n.toString(16).padStart(64, "0") + 12n.toString(16).padStart(64, "0"));
    const decoded = decodeEventLog({ abi, topics: log.topics as never, data: log.data as `0x${string}` });
    const args = Object.fromEntries(Object.entries(decoded.args as object).map(([k, v]) => [k, typeof v === "string" ? v.toLowerCase() : v]));
    assert.deepEqual(args, { newDelegate: A, oldDelegate: B, delegator: C, additionalAmount: 5n, bondedAmount: 12n });
  });

  test("NewRound (indexed uint256) and WinningTicketRedeemed (dynamic bytes) round-trip through viem", () => {
    const hash = "0x" + "ab".repeat(32);
    const round = encodeLog("RoundsManager", "NewRound", [3177n, hash]);
    assert.equal(round.topics[1], "0x" + 3177n.toString(16).padStart(64, "0"));
    const abi = loadAbi("TicketBroker") as Abi;
    const aux = "0x" + 3177n.toString(16).padStart(64, "0") + "cd".repeat(32);
    const ticket = encodeLog("TicketBroker", "WinningTicketRedeemed", [A, B, 10n ** 17n, 2n ** 200n, 7n, 99n, aux]);
    const decoded = decodeEventLog({ abi, topics: ticket.topics as never, data: ticket.data as `0x${string}` });
    assert.equal((decoded.args as { auxData: string }).auxData, aux);
    assert.equal((decoded.args as { faceValue: bigint }).faceValue, 10n ** 17n);
  });
});
