/**
 * The dataset most query tests read: bands, musicians with a field of every scalar type,
 * immutable songs with Bytes ids, an interface with two implementers, Int8 ids and a dangling
 * non-null reference. Written at blocks 1–3 (start block 1), so time travel has something to see.
 *
 * Head (block 3), musicians:
 * | id | name    | band | age | plays (Int8)        | fans (BigInt) | rating | wallet   | active | joined (µs)      |
 * | m1 | John    | b1   | 30  | 9223372036854775807 | 100           | 4.5    | 0x01ab   | true   | 1710837304040956 |
 * | m2 | Lisa    | b1   | 25  | 5                   | 26 (25 at 1)  | 3.25   | 0x02     | false  | 1700000000000000 |
 * | m3 | Tom     | b2   | 41  | -3                  | 10^21         | 0.001  | 0xabcdef | true   | 1600000000000000 |
 * | m4 | Valerie | –    | –   | –                   | –             | –      | –        | –      | –                |
 * | m5 | paul    | b2   | 25  | 0                   | 25            | -1.1   | 0x       | false  | 0                |
 */
import type { BlockWrite } from "../../src/store/sql/store.ts";
import { bigDec, bigInt, bool, bytes, int, int8, list, put, str, ts } from "./entities.ts";

export const MUSIC_SCHEMA = `
enum Genre { ROCK POP JAZZ }

type Band @entity {
  id: ID!
  name: String!
  genre: Genre
  members: [Musician!]! @derivedFrom(field: "band")
  leader: Musician @derivedFrom(field: "leads")
  songs: [Song!]!
}

type Musician @entity {
  id: ID!
  name: String!
  band: Band
  leads: Band
  instruments: [String!]
  fans: BigInt
  rating: BigDecimal
  wallet: Bytes
  plays: Int8
  age: Int
  active: Boolean
  joined: Timestamp
  genres: [Genre!]
  favoriteSongs: [Song!]
  written: Song @derivedFrom(field: "writer")
  events: [Event!]! @derivedFrom(field: "musician")
}

type Song @entity(immutable: true) {
  id: Bytes!
  title: String!
  writer: Musician
}

interface Event {
  id: ID!
  amount: BigInt!
  musician: Musician
}

type Payment implements Event @entity(immutable: true) {
  id: ID!
  amount: BigInt!
  musician: Musician
  memo: String
}

type Refund implements Event @entity(immutable: true) {
  id: ID!
  amount: BigInt!
  musician: Musician
  reason: String!
}

type Counter @entity {
  id: Int8!
  value: Int!
}

type Ticket @entity {
  id: ID!
  holder: Musician!
}

type _Schema_
  @fulltext(
    name: "songSearch"
    language: en
    algorithm: rank
    include: [{ entity: "Song", fields: [{ name: "title" }] }]
  )
`;

export const HASH = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

export const MUSIC_BLOCKS: BlockWrite[] = [
  {
    number: 1,
    hash: HASH(1),
    parentHash: HASH(0),
    timestamp: 1000,
    changes: [
      put("Band", { id: str("b1"), name: str("The Musicians"), genre: str("ROCK"), songs: list(bytes("aa01"), bytes("aa02"), bytes("aa01")) }),
      put("Band", { id: str("b2"), name: str("The Amateurs"), genre: str("POP"), songs: list(bytes("aa02")) }),
      put("Band", { id: str("b3"), name: str("Zed"), songs: list() }),
      put("Musician", {
        id: str("m1"), name: str("John"), band: str("b1"), leads: str("b1"), instruments: list(str("guitar"), str("vocals")),
        fans: bigInt(100n), rating: bigDec("4.50"), wallet: bytes("01ab"), plays: int8(9223372036854775807n), age: int(30),
        active: bool(true), joined: ts(1710837304040956n), genres: list(str("ROCK")), favoriteSongs: list(bytes("aa01"), bytes("aa02")),
      }),
      put("Musician", {
        id: str("m2"), name: str("Lisa"), band: str("b1"), instruments: list(str("bass")), fans: bigInt(25n), rating: bigDec("3.25"),
        wallet: bytes("02"), plays: int8(5n), age: int(25), active: bool(false), joined: ts(1700000000000000n),
        genres: list(str("ROCK"), str("POP")),
      }),
      put("Musician", {
        id: str("m3"), name: str("Tom"), band: str("b2"), leads: str("b2"), instruments: list(), fans: bigInt(10n ** 21n),
        rating: bigDec("0.001"), wallet: bytes("abcdef"), plays: int8(-3n), age: int(41), active: bool(true),
        joined: ts(1600000000000000n), favoriteSongs: list(bytes("aa02")),
      }),
      put("Musician", { id: str("m4"), name: str("Valerie") }),
      put("Musician", {
        id: str("m5"), name: str("paul"), band: str("b2"), instruments: list(str("Drums")), fans: bigInt(25n), rating: bigDec("-1.1"),
        wallet: bytes(""), plays: int8(0n), age: int(25), active: bool(false), joined: ts(0n), genres: list(), favoriteSongs: list(),
      }),
      put("Song", { id: bytes("aa01"), title: str("Rock On"), writer: str("m1") }),
      put("Song", { id: bytes("aa02"), title: str("Pop Song"), writer: str("m3") }),
      put("Song", { id: bytes("bb"), title: str("Blue"), writer: str("m1") }),
      put("Payment", { id: str("p1"), amount: bigInt(10n), musician: str("m1"), memo: str("hi") }),
      put("Payment", { id: str("p2"), amount: bigInt(30n), musician: str("m2") }),
      put("Refund", { id: str("r1"), amount: bigInt(20n), musician: str("m1"), reason: str("oops") }),
      put("Refund", { id: str("r2"), amount: bigInt(1n), musician: str("m9"), reason: str("gone") }),
      put("Counter", { id: int8(1n), value: int(1) }),
      put("Counter", { id: int8(3000000000n), value: int(2) }),
      put("Ticket", { id: str("t1"), holder: str("m9") }),
    ],
  },
  {
    number: 2,
    hash: HASH(2),
    parentHash: HASH(1),
    timestamp: 1012,
    changes: [
      put(
        "Musician",
        {
          id: str("m2"), name: str("Lisa"), band: str("b1"), instruments: list(str("bass")), fans: bigInt(26n), rating: bigDec("3.25"),
          wallet: bytes("02"), plays: int8(5n), age: int(25), active: bool(false), joined: ts(1700000000000000n),
          genres: list(str("ROCK"), str("POP")),
        },
        "update",
      ),
      put("Payment", { id: str("p3"), amount: bigInt(5n), musician: str("m3") }),
    ],
  },
  {
    number: 3,
    hash: HASH(3),
    parentHash: HASH(2),
    timestamp: 1024,
    changes: [put("Band", { id: str("b3"), name: str("Zed Zeppelin"), songs: list() }, "update")],
  },
];
