// Checks every event of abis/*.json against the reference table in tests/fixtures/topics.json
// (declarations and topic0 values copied from the protocol reference, not derived from our ABIs):
//  - the recomputed topic0 must equal the reference topic0 (a wrong type indexes nothing);
//  - the declaration with `indexed` flags and parameter names must equal the reference text
//    (a wrong `indexed` flag keeps topic0 but makes graph-node decode garbage or skip the log).
// Exits non-zero on any mismatch, on an ABI event without a reference entry, and on a reference
// entry missing from the ABIs.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toEventSelector, toEventSignature } from 'viem'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const table = JSON.parse(readFileSync(join(root, 'tests/fixtures/topics.json'), 'utf8'))
const unlisted = new Set(table.unlisted)

function formatParam(param, withIndexed) {
  const type = param.type.startsWith('tuple')
    ? `(${param.components.map((c) => formatParam(c, false)).join(', ')})${param.type.slice('tuple'.length)}`
    : param.type
  return [type, withIndexed && param.indexed ? 'indexed' : null, param.name || null].filter(Boolean).join(' ')
}

function declaration(item) {
  return `${item.name}(${item.inputs.map((p) => formatParam(p, true)).join(', ')})`
}

const normalize = (text) => text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()

const seen = new Set()
const problems = []
let checked = 0

for (const file of readdirSync(join(root, 'abis')).filter((f) => f.endsWith('.json')).sort()) {
  const contract = file.slice(0, -'.json'.length)
  const abi = JSON.parse(readFileSync(join(root, 'abis', file), 'utf8'))
  for (const item of abi.filter((x) => x.type === 'event')) {
    const key = `${contract}.${item.name}`
    seen.add(key)
    if (unlisted.has(key)) continue
    const reference = table.expected[key]
    if (reference === undefined) {
      problems.push(`${key}: no reference entry in tests/fixtures/topics.json`)
      continue
    }
    checked++
    const topic0 = toEventSelector(item)
    if (topic0 !== reference.topic0) {
      problems.push(`${key}: ${toEventSignature(item)} hashes to ${topic0}, reference is ${reference.topic0}`)
    }
    if (normalize(declaration(item)) !== normalize(reference.event)) {
      problems.push(`${key}: declared as ${declaration(item)}, reference is ${reference.event}`)
    }
  }
}
for (const key of [...Object.keys(table.expected), ...table.unlisted]) {
  if (!seen.has(key)) problems.push(`${key}: listed in tests/fixtures/topics.json but missing from abis/`)
}

if (problems.length > 0) {
  console.error(`check-topics: ${problems.length} problem(s)`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
console.log(`check-topics: ${checked} events match their reference declaration and topic0 (${unlisted.size} without a reference)`)
