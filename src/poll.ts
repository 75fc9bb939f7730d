import { BigInt, log } from "@graphprotocol/graph-ts"

import { Poll, VoteEvent } from "../generated/schema"
import { Vote } from "../generated/templates/Poll/Poll"
import { PollChoice } from "./lib/constants"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { Ledger } from "./lib/ledger"
import { castPollVote } from "./lib/polls"

export function handleVote(event: Vote): void {
  const choiceId = event.params.choiceID
  const poll = Poll.load(event.address.toHexString())
  if (poll == null || choiceId.gt(BigInt.fromI32(1))) {
    log.warning("Vote {} on poll {} ignored: unknown poll or choice other than 0 (yes) and 1 (no)", [
      choiceId.toString(),
      event.address.toHexString(),
    ])
    return
  }
  // A read-only ledger: pending stakes need the delegates' pools; nothing is committed.
  const ledger = new Ledger(event)
  const choice = choiceId.isZero() ? PollChoice.Yes : PollChoice.No
  castPollVote(ledger, poll, event.params.voter.toHexString(), choice)

  const record = new VoteEvent(eventId(event))
  fillEventBase(record, event, ledger.round.id)
  record.voter = event.params.voter.toHexString()
  record.choiceID = choiceId
  record.poll = poll.id
  record.save()
}
