import { PollCreated } from "../generated/PollCreator/PollCreator"
import { Poll, PollCreatedEvent } from "../generated/schema"
import { Poll as PollTemplate } from "../generated/templates"
import { fillEventBase } from "./lib/events"
import { eventId } from "./lib/ids"
import { currentRound } from "./lib/rounds"

export function handlePollCreated(event: PollCreated): void {
  const round = currentRound()
  const poll = new Poll(event.params.poll.toHexString())
  poll.proposal = event.params.proposal.toString()
  poll.endBlock = event.params.endBlock
  poll.quorum = event.params.quorum
  poll.quota = event.params.quota
  poll.tally = null
  poll.votes = []
  poll.save()
  PollTemplate.create(event.params.poll)

  const record = new PollCreatedEvent(eventId(event))
  fillEventBase(record, event, round.id)
  record.poll = poll.id
  record.proposal = event.params.proposal
  record.endBlock = event.params.endBlock
  record.quorum = event.params.quorum
  record.quota = event.params.quota
  record.save()
}
