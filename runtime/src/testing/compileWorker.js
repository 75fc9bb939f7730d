// Worker entry in plain JavaScript: worker threads do not inherit the tsx loader, so it is
// registered here before the TypeScript body is imported.
import { register } from "tsx/esm/api";

register();
await import("./compileWorkerBody.ts");
