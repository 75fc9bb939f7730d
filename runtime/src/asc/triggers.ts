import type { BlockData, CallData, EventData, LogData, ReceiptData, TransactionData } from "../chain/types.ts";
import type { EthValue } from "../common/values.ts";
import { TypeId } from "./typeIds.ts";
import type { AscValues } from "./values.ts";

/**
 * Writes trigger objects in the layout of the module's apiVersion (graph-node
 * `chain/ethereum/src/runtime/abi.rs`): Block gained `baseFeePerGas` and Transaction `nonce`
 * in 0.0.6, Event gained `receipt` in 0.0.7. Fields are written in declaration order.
 */
export class TriggerWriter {
  private readonly atLeast006: boolean;
  private readonly atLeast007: boolean;

  constructor(
    private readonly values: AscValues,
    apiVersion: string,
  ) {
    const [major, minor, patch] = apiVersion.split(".").map(Number);
    const version = major * 1_000_000 + minor * 1_000 + patch;
    this.atLeast006 = version >= 6;
    this.atLeast007 = version >= 7;
  }

  private bytes(value: Uint8Array | null): number {
    return this.values.mem.writeBytesOrNull(value);
  }

  private big(value: bigint | null): number {
    return this.values.writeBigIntOrNull(value);
  }

  block(block: BlockData): number {
    const fields = [
      this.bytes(block.hash),
      this.bytes(block.parentHash),
      this.bytes(block.unclesHash),
      this.bytes(block.author),
      this.bytes(block.stateRoot),
      this.bytes(block.transactionsRoot),
      this.bytes(block.receiptsRoot),
      this.big(block.number),
      this.big(block.gasUsed),
      this.big(block.gasLimit),
      this.big(block.timestamp),
      this.big(block.difficulty),
      this.big(block.totalDifficulty),
      this.big(block.size),
    ];
    if (this.atLeast006) fields.push(this.big(block.baseFeePerGas));
    return this.values.mem.writeStruct(TypeId.EthereumBlock, fields);
  }

  transaction(tx: TransactionData): number {
    const fields = [
      this.bytes(tx.hash),
      this.big(tx.index),
      this.bytes(tx.from),
      this.bytes(tx.to),
      this.big(tx.value),
      this.big(tx.gasLimit),
      this.big(tx.gasPrice),
      this.bytes(tx.input),
    ];
    if (this.atLeast006) fields.push(this.big(tx.nonce));
    return this.values.mem.writeStruct(TypeId.EthereumTransaction, fields);
  }

  private params(params: Array<{ name: string; value: EthValue }>): number {
    const mem = this.values.mem;
    return mem.writePointerArray(
      TypeId.ArrayEventParam,
      params.map((p) => mem.writeStruct(TypeId.EventParam, [mem.writeString(p.name), this.values.writeEthValue(p.value)])),
    );
  }

  private log(log: LogData): number {
    const mem = this.values.mem;
    return mem.writeStruct(TypeId.Log, [
      this.bytes(log.address),
      mem.writePointerArray(TypeId.ArrayH256, log.topics.map((t) => mem.writeBytes(t))),
      this.bytes(log.data),
      this.bytes(log.blockHash),
      this.big(log.blockNumber),
      this.bytes(log.transactionHash),
      this.big(log.transactionIndex),
      this.big(log.logIndex),
      0, // transactionLogIndex: graph-node always writes null
      0, // logType: graph-node always writes null
      log.removed === null ? 0 : mem.writeWrappedBool(log.removed),
    ]);
  }

  receipt(receipt: ReceiptData): number {
    const mem = this.values.mem;
    return mem.writeStruct(TypeId.TransactionReceipt, [
      this.bytes(receipt.transactionHash),
      this.big(receipt.transactionIndex),
      this.bytes(receipt.blockHash),
      this.big(receipt.blockNumber),
      this.big(receipt.cumulativeGasUsed),
      this.big(receipt.gasUsed),
      this.bytes(receipt.contractAddress),
      mem.writePointerArray(TypeId.ArrayLog, receipt.logs.map((l) => this.log(l))),
      this.big(receipt.status),
      this.bytes(receipt.root),
      this.bytes(receipt.logsBloom),
    ]);
  }

  event(event: EventData): number {
    const mem = this.values.mem;
    const fields = [
      this.bytes(event.address),
      this.big(event.logIndex),
      this.big(event.transactionLogIndex),
      event.logType === null ? 0 : mem.writeString(event.logType),
      this.block(event.block),
      this.transaction(event.transaction),
      this.params(event.params),
    ];
    if (this.atLeast007) fields.push(event.receipt === null ? 0 : this.receipt(event.receipt));
    return mem.writeStruct(TypeId.EthereumEvent, fields);
  }

  call(call: CallData): number {
    return this.values.mem.writeStruct(TypeId.EthereumCall, [
      this.bytes(call.to),
      this.bytes(call.from),
      this.block(call.block),
      this.transaction(call.transaction),
      this.params(call.inputs),
      this.params(call.outputs),
    ]);
  }
}
