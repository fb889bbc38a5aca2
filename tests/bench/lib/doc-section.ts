// Rewrites the part of docs/benchmarks.md between two given marker lines (appends both when absent), atomically.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { DOC } from "./report";

export function writeBetweenMarkers(open: string, close: string, body: string, file = DOC): void {
  let doc = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const block = `${open}\n${body.trim()}\n${close}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + close.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, doc);
  renameSync(tmp, file);
}
