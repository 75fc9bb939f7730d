#!/usr/bin/env node
// The runtime is written in TypeScript and runs through tsx, so no build step is needed.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
