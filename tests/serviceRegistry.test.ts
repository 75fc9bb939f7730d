import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index"

import { handleServiceURIUpdate } from "../src/serviceRegistry"
import { at, newServiceURIUpdateEvent } from "./helpers/events"
import { TRANSCODER } from "./helpers/fixtures"
import { freshTx } from "./helpers/scenario"

describe("handleServiceURIUpdate", () => {
  beforeEach(() => {
    clearStore()
  })

  test("sets the service URI of any address", () => {
    handleServiceURIUpdate(at(newServiceURIUpdateEvent(TRANSCODER, "https://orchestrator.example:8935"), freshTx(), 1, 100))
    assert.fieldEquals("Transcoder", TRANSCODER, "serviceURI", "https://orchestrator.example:8935")
    assert.fieldEquals("Transcoder", TRANSCODER, "status", "NotRegistered")
    assert.entityCount("ServiceURIUpdateEvent", 1)
  })
})
