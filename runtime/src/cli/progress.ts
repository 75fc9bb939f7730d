/** The live progress line of `index`: one updating line on a terminal, periodic lines otherwise. */
import type { IndexingProgress } from "../indexer/indexer.ts";

export type ProgressPrinter = {
  update(progress: IndexingProgress): void;
  /** Writes a message on its own line, keeping the progress line below it. */
  note(message: string): void;
  /** Ends the progress line (the last state stays visible). */
  done(): void;
};

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function formatProgress(p: IndexingProgress): string {
  const head = p.head === null ? "?" : number.format(p.head);
  const eta = p.etaSeconds === null ? "" : p.etaSeconds <= 0 ? " · synced" : ` · ETA ${duration(p.etaSeconds)}`;
  return (
    `block ${number.format(p.block)}/${head} · ${number.format(p.blocksPerSecond)} blocks/s · ` +
    `${number.format(p.eventsPerSecond)} events/s · ${number.format(p.entityVersions)} entities written${eta}`
  );
}

/** `intervalMs` spaces the lines written when `stream` is not a terminal. */
export function createProgressPrinter(stream: NodeJS.WritableStream & { isTTY?: boolean }, intervalMs: number): ProgressPrinter {
  const tty = stream.isTTY === true;
  let shown = false;
  let last = "";
  let lastWritten = 0;
  const clear = () => {
    if (tty && shown) stream.write("\r\x1b[K");
    shown = false;
  };
  return {
    update(p) {
      last = formatProgress(p);
      if (tty) {
        stream.write(`\r\x1b[K${last}`);
        shown = true;
        return;
      }
      const now = performance.now();
      if (lastWritten !== 0 && now - lastWritten < intervalMs) return;
      lastWritten = now;
      stream.write(`${last}\n`);
    },
    note(message) {
      clear();
      stream.write(`${message}\n`);
      if (tty && last) {
        stream.write(last);
        shown = true;
      }
    },
    done() {
      if (tty && shown) stream.write("\n");
      shown = false;
    },
  };
}
