import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, printType } from "graphql";
import { loadSchema } from "../schema/model.ts";
import { pluralField, singularField } from "./naming.ts";
import { buildApiSchema } from "./schema.ts";

const WORKED_EXAMPLE = `
enum Genre { ROCK POP }
type Band @entity {
  id: ID!
  name: String!
  genre: Genre
  members: [Musician!]! @derivedFrom(field: "band")
}
type Musician @entity(immutable: true) {
  id: Bytes!
  name: String!
  band: Band
  instruments: [String!]!
  fans: BigInt!
}
`;

const STRING_OPS = (f: string, t = "String") =>
  [
    "", "_not", "_gt", "_lt", "_gte", "_lte", "_in", "_not_in", "_contains", "_contains_nocase", "_not_contains",
    "_not_contains_nocase", "_starts_with", "_starts_with_nocase", "_not_starts_with", "_not_starts_with_nocase",
    "_ends_with", "_ends_with_nocase", "_not_ends_with", "_not_ends_with_nocase",
  ].map((s) => `${f}${s}: ${s.endsWith("_in") ? `[${t}!]` : t}`);

describe("API schema", () => {
  test("query field names follow graph-node's pluralization and camel case", () => {
    const names = ["Musician", "SongStat", "Stats", "UserPlays", "Trajectory", "Legged", "Box", "Entry", "Status", "Data", "Person", "Analysis", "ERC20Token"];
    assert.deepEqual(
      names.map((n) => [singularField(n), pluralField(n)]),
      [
        ["musician", "musicians"], ["songStat", "songStats"], ["stats", "stats_collection"], ["userPlays", "userPlays_collection"],
        ["trajectory", "trajectories"], ["legged", "leggeds"], ["box", "boxes"], ["entry", "entries"], ["status", "statuses"],
        ["data", "datas"], ["person", "persons"], ["analysis", "analyses"], ["erc20Token", "erc20Tokens"],
      ],
    );
  });

  test("the worked example derives graph-node's filter inputs, orderBy enums and query fields", () => {
    const schema = buildApiSchema(loadSchema(WORKED_EXAMPLE));
    const fields = (name: string) =>
      Object.values((schema.getType(name) as GraphQLInputObjectType).getFields()).map((f) => `${f.name}: ${f.type}`);
    assert.deepEqual(fields("Band_filter"), [
      "id: ID", "id_not: ID", "id_gt: ID", "id_lt: ID", "id_gte: ID", "id_lte: ID", "id_in: [ID!]", "id_not_in: [ID!]",
      ...STRING_OPS("name"),
      "genre: Genre", "genre_not: Genre", "genre_in: [Genre!]", "genre_not_in: [Genre!]",
      "members_: Musician_filter", "_change_block: BlockChangedFilter", "and: [Band_filter]", "or: [Band_filter]",
    ]);
    assert.deepEqual(fields("Musician_filter"), [
      "id: Bytes", "id_not: Bytes", "id_gt: Bytes", "id_lt: Bytes", "id_gte: Bytes", "id_lte: Bytes", "id_in: [Bytes!]",
      "id_not_in: [Bytes!]", "id_contains: Bytes", "id_not_contains: Bytes",
      ...STRING_OPS("name"),
      ...STRING_OPS("band"),
      "band_: Band_filter",
      "instruments: [String!]", "instruments_not: [String!]", "instruments_contains: [String!]",
      "instruments_contains_nocase: [String!]", "instruments_not_contains: [String!]", "instruments_not_contains_nocase: [String!]",
      "fans: BigInt", "fans_not: BigInt", "fans_gt: BigInt", "fans_lt: BigInt", "fans_gte: BigInt", "fans_lte: BigInt",
      "fans_in: [BigInt!]", "fans_not_in: [BigInt!]",
      "_change_block: BlockChangedFilter", "and: [Musician_filter]", "or: [Musician_filter]",
    ]);
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);
    assert.deepEqual(values("Band_orderBy"), ["id", "name", "genre", "members"]);
    assert.deepEqual(values("Musician_orderBy"), ["id", "name", "band", "band__id", "band__name", "band__genre", "instruments", "fans"]);
    const query = schema.getQueryType() as GraphQLObjectType;
    assert.equal(
      printType(query).replace(/"""[^]*?"""\s*/g, "").replace(/\n\s*/g, " "),
      "type Query { band( id: ID! block: Block_height subgraphError: _SubgraphErrorPolicy_! = deny ): Band " +
        "bands( skip: Int = 0 first: Int = 100 orderBy: Band_orderBy orderDirection: OrderDirection where: Band_filter block: Block_height subgraphError: _SubgraphErrorPolicy_! = deny ): [Band!]! " +
        "musician( id: ID! block: Block_height subgraphError: _SubgraphErrorPolicy_! = deny ): Musician " +
        "musicians( skip: Int = 0 first: Int = 100 orderBy: Musician_orderBy orderDirection: OrderDirection where: Musician_filter block: Block_height subgraphError: _SubgraphErrorPolicy_! = deny ): [Musician!]! " +
        "_meta(block: Block_height): _Meta_ }",
    );
    assert.equal(
      printType(schema.getType("Band")!),
      "type Band {\n  id: ID!\n  name: String!\n  genre: Genre\n  members(skip: Int = 0, first: Int = 100, orderBy: Musician_orderBy, orderDirection: OrderDirection, where: Musician_filter): [Musician!]!\n}",
    );
  });
});
