// Row ids for rows written outside the Prisma client (bulk inserts): same shape and length as
// Prisma's cuid() ("c" + 24 base-36 characters), unique, sortable by creation time.
import { randomBytes } from "node:crypto";

let counter = 0;

export function createId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  counter = (counter + 1) % 36 ** 4;
  const count = counter.toString(36).padStart(4, "0");
  const random = BigInt("0x" + randomBytes(8).toString("hex"))
    .toString(36)
    .padStart(13, "0")
    .slice(0, 11);
  return `c${time}${count}${random}`;
}
