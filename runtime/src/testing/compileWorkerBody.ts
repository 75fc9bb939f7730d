// Worker thread body (entry: compileWorker.js): compiles the test files `compilePool.ts` sends, loading asc once.
import { parentPort, workerData } from "node:worker_threads";
import { compileTestFile, loadAscCompiler, type CompileRequest } from "./compile.ts";

const asc = loadAscCompiler((workerData as { projectDir: string }).projectDir);
parentPort!.on("message", (request: CompileRequest) => {
  parentPort!.postMessage(compileTestFile(asc, request));
});
