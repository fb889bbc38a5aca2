// Progress on stderr while files stream: a redrawn bar on a TTY, otherwise a plain line every quarter
// for big files (>= 8 MB) and nothing for small ones.

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
}

const BIG_FILE = 8 * 1024 * 1024;

function mb(n: number): string {
  return (n / 1048576).toFixed(1);
}

export function createProgress(sink: ProgressSink, now: () => number = Date.now) {
  let lastFile = "";
  let lastDraw = 0;
  let lastQuarter = -1;
  let drawn = false;
  const done = (): void => {
    if (drawn && sink.isTTY) sink.write("\n");
    drawn = false;
  };
  const update = (file: string, bytes: number, total: number): void => {
    const name = file.split(/[\\/]/).pop() ?? file;
    if (name !== lastFile) {
      done();
      lastFile = name;
      lastQuarter = -1;
      lastDraw = 0;
    }
    const frac = total > 0 ? Math.min(1, bytes / total) : 1;
    if (sink.isTTY) {
      const t = now();
      if (frac < 1 && t - lastDraw < 100) return;
      lastDraw = t;
      const width = 30;
      const full = Math.round(frac * width);
      sink.write(
        `\r[${"#".repeat(full)}${"-".repeat(width - full)}] ${String(Math.round(frac * 100)).padStart(3)}% ${name} ${mb(bytes)}/${mb(total)} MB`,
      );
      drawn = true;
    } else if (total >= BIG_FILE) {
      const q = Math.floor(frac * 4);
      if (q > lastQuarter) {
        lastQuarter = q;
        sink.write(`reading ${name}: ${q * 25}% (${mb(bytes)}/${mb(total)} MB)\n`);
      }
    }
  };
  return { update, done };
}
