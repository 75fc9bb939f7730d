import { createColors } from "picocolors";
import { LogLevel } from "../host/context.ts";
import type { LogLine, SuiteObserver, SuiteResult, TestOutcome } from "./suite.ts";

/**
 * Where the runner prints. `color` is the stream's own answer (a terminal sets it); text kept in
 * memory or piped stays plain, whatever environment variables such as CI say.
 */
export type Output = { write(text: string): void; color?: boolean };

export type Palette = ReturnType<typeof createColors>;

export function paletteFor(out: Output): Palette {
  return createColors(out.color === true);
}

function logPrefix(pc: Palette, level: number): (s: string) => string {
  switch (level) {
    case LogLevel.Critical:
      return (s) => pc.bold(pc.red(`🆘 ${s}`));
    case LogLevel.Error:
      return (s) => pc.bold(pc.red(`𝖷 ${s}`));
    case LogLevel.Warning:
      return (s) => pc.yellow(`⚠️  ${s}`);
    case LogLevel.Info:
      return (s) => pc.italic(`💬 ${s}`);
    case LogLevel.Success:
      return (s) => pc.bold(pc.green(`√ ${s}`));
    case LogLevel.Plain:
      return (s) => s;
    default:
      return (s) => pc.italic(pc.cyan(`🛠  ${s}`));
  }
}

function indent(text: string, depth: number): string {
  const pad = "  ".repeat(depth);
  return text
    .split("\n")
    .map((line) => pad + line)
    .join("\n");
}

export function formatLog(pc: Palette, line: LogLine, depth: number): string {
  return indent(logPrefix(pc, line.level)(line.message), depth);
}

function fullName(suite: string, test: TestOutcome): string {
  return [suite, ...test.path, test.name].join(" › ");
}

/** Prints a line per test as it finishes, then the failures and the closing count line. */
export function createReporter(out: Output) {
  const pc = paletteFor(out);
  const failures: Array<{ suite: string; test: TestOutcome }> = [];
  const fatals: Array<{ suite: string; message: string }> = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  const observer = (suite: string): SuiteObserver => ({
    group: (group, depth) => out.write(indent(pc.cyan(pc.bold(group.name)), depth + 1) + "\n"),
    test: (test, depth) => {
      const time = pc.dim(`${test.ms.toFixed(3)}ms`);
      const mark = test.passed ? pc.green("√") : pc.red("𝖷");
      const flag = test.shouldFail ? pc.dim(" (should fail)") : "";
      out.write(indent(`${mark} ${test.name}${flag} - ${time}`, depth + 1) + "\n");
      if (test.passed) {
        for (const line of test.logs) out.write(formatLog(pc, line, depth + 2) + "\n");
      } else if (test.error) {
        out.write(indent(pc.red(test.error), depth + 2) + "\n");
      }
    },
    log: (line, depth) => out.write(formatLog(pc, line, depth + 1) + "\n"),
  });

  return {
    suiteStart(name: string): SuiteObserver {
      out.write("\n" + pc.bold(pc.blue(name)) + "\n");
      return observer(name);
    },
    suiteEnd(result: SuiteResult): void {
      for (const test of result.tests) {
        if (test.passed) passed++;
        else {
          failed++;
          failures.push({ suite: result.name, test });
        }
      }
      skipped += result.skipped;
      if (result.fatal) {
        if (!result.fatalInTest) failed++;
        fatals.push({ suite: result.name, message: result.fatal });
        out.write(formatLog(pc, { level: LogLevel.Critical, message: result.fatal }, 1) + "\n");
        if (result.skipped > 0) out.write(indent(pc.yellow(`${result.skipped} test(s) not run`), 1) + "\n");
      }
    },
    /** A test file that did not compile counts as one failure. */
    compileFailed(name: string, message: string): void {
      failed++;
      fatals.push({ suite: name, message: `did not compile:\n${message}` });
    },
    finish(ms: number): { passed: number; failed: number; skipped: number } {
      if (failures.length > 0 || fatals.length > 0) {
        out.write("\n" + pc.red(pc.bold("Failed tests:")) + "\n");
        for (const { suite, test } of failures) {
          out.write("\n" + pc.red(pc.bold(fullName(suite, test))) + "\n");
          if (test.error) out.write(indent(test.error, 1) + "\n");
          if (test.location) out.write(indent(pc.dim(`at ${test.location}`), 1) + "\n");
          for (const line of test.logs) out.write(formatLog(pc, line, 1) + "\n");
        }
        for (const { suite, message } of fatals) {
          out.write("\n" + pc.red(pc.bold(suite)) + "\n" + indent(message, 1) + "\n");
        }
      }
      out.write(pc.dim(`\nRan in ${(ms / 1000).toFixed(2)}s`) + "\n");
      out.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
      return { passed, failed, skipped };
    },
  };
}
