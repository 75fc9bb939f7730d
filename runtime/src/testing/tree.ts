import { FatalError } from "../common/errors.ts";

/** What matchstick-as registers through `_registerTest`, `_registerDescribe` and `_registerHook`. */
export type Registration = {
  role: "test" | "describe" | "beforeAll" | "afterAll" | "beforeEach" | "afterEach";
  name: string;
  shouldFail: boolean;
  /** Index of the closure in the module's exported table. */
  index: number;
};

export type TestCase = {
  kind: "test";
  name: string;
  /** Names of the enclosing describe blocks, outermost first. */
  path: string[];
  shouldFail: boolean;
  index: number;
  /** beforeEach hooks to run first: outer levels before inner ones. */
  before: number[];
  /** afterEach hooks to run after: inner levels before outer ones. */
  after: number[];
};

export type TestGroup = {
  kind: "group";
  name: string;
  path: string[];
  beforeAll: number[];
  afterAll: number[];
  children: Array<TestCase | TestGroup>;
};

/**
 * Runs a describe body in a throw-away instance and returns what it registered. Matchstick
 * does exactly this, so code in a describe body outside tests and hooks never affects tests.
 */
export type DescribeExpander = (index: number) => Registration[];

const ROLES = new Set(["test", "describe", "beforeAll", "afterAll", "beforeEach", "afterEach"]);

export function checkRole(role: string): Registration["role"] {
  if (!ROLES.has(role)) throw new FatalError(`Unrecognized function type \`${role}\``);
  return role as Registration["role"];
}

/** Builds the test tree the way Matchstick's `build_test_group` does. */
export function buildGroup(
  name: string,
  path: string[],
  items: Registration[],
  expand: DescribeExpander,
): TestGroup {
  const group: TestGroup = { kind: "group", name, path, beforeAll: [], afterAll: [], children: [] };
  const beforeEach: number[] = [];
  const afterEach: number[] = [];
  const childPath = name === "" ? path : [...path, name];
  for (const item of items) {
    switch (item.role) {
      case "beforeAll":
        group.beforeAll.push(item.index);
        break;
      case "afterAll":
        group.afterAll.push(item.index);
        break;
      case "beforeEach":
        beforeEach.push(item.index);
        break;
      case "afterEach":
        afterEach.push(item.index);
        break;
      case "test":
        group.children.push({
          kind: "test",
          name: item.name,
          path: childPath,
          shouldFail: item.shouldFail,
          index: item.index,
          before: [],
          after: [],
        });
        break;
      case "describe":
        group.children.push(buildGroup(item.name, childPath, expand(item.index), expand));
        break;
    }
  }
  applyEachHooks(group, beforeEach, afterEach);
  return group;
}

function applyEachHooks(group: TestGroup, before: number[], after: number[]): void {
  for (const child of group.children) {
    if (child.kind === "test") {
      child.before = [...before, ...child.before];
      child.after = [...child.after, ...after];
    } else {
      applyEachHooks(child, before, after);
    }
  }
}

export function countTests(group: TestGroup): number {
  return group.children.reduce((n, c) => n + (c.kind === "test" ? 1 : countTests(c)), 0);
}
