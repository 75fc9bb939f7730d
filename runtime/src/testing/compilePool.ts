import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { isCompileCurrent, locateAsc, type CompileRequest, type CompileResult } from "./compile.ts";

/**
 * Compiles test files, skipping current ones, spreading the rest over worker threads: asc's
 * binaryen optimizer is single-threaded and dominates cold runs.
 */
export async function compileMany(
  projectDir: string,
  requests: CompileRequest[],
  onResult: (request: CompileRequest, result: CompileResult) => void,
): Promise<void> {
  const { version } = locateAsc(projectDir);
  const stale = requests.filter((r) => r.force || !isCompileCurrent(r, version));
  for (const request of requests) {
    if (!stale.includes(request)) onResult(request, { ok: true, wasmFile: request.outFile, cached: true, ms: 0 });
  }
  // Always in worker threads: on an internal crash asc calls process.exit, which must end a
  // worker, not the runner. A crashed worker fails its file and is replaced for the rest.
  const queue = [...stale];
  const threads = Math.min(availableParallelism(), stale.length);
  await Promise.all(Array.from({ length: threads }, () => drain(projectDir, queue, onResult)));
}

async function drain(
  projectDir: string,
  queue: CompileRequest[],
  onResult: (request: CompileRequest, result: CompileResult) => void,
): Promise<void> {
  let worker: Worker | null = null;
  try {
    for (let request = queue.shift(); request; request = queue.shift()) {
      worker ??= new Worker(new URL("./compileWorker.js", import.meta.url), { workerData: { projectDir }, stderr: true });
      const result = await compileIn(worker, request);
      if (!result.ok && result.crashed) worker = null;
      onResult(request, result);
    }
  } finally {
    await worker?.terminate();
  }
}

function compileIn(worker: Worker, request: CompileRequest): Promise<CompileResult & { crashed?: boolean }> {
  const started = performance.now();
  let stderr = "";
  const onStderr = (chunk: Buffer) => void (stderr += chunk.toString());
  worker.stderr.on("data", onStderr);
  return new Promise((resolve) => {
    const done = (result: CompileResult & { crashed?: boolean }) => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.stderr.off("data", onStderr);
      resolve(result);
    };
    const crashed = (why: string) =>
      done({ ok: false, crashed: true, ms: performance.now() - started, message: `${why}\n${stderr.trim()}`.trim() });
    const onMessage = (result: CompileResult) => done(result);
    const onError = (error: Error) => crashed(`the AssemblyScript compiler crashed: ${error.message}`);
    const onExit = (code: number) => crashed(`the AssemblyScript compiler crashed (exit code ${code})`);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ ...request, force: true });
  });
}
