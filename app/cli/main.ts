// Pilotage CLI: `npm run cli -- <command> [options]`.
import { pathToFileURL } from "node:url";
import { runForecastCommand } from "./forecast-command";
import { processIO, type CliIO } from "./run-command";

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  forecast   demand forecast and replenishment from Shopify CSV exports (--help for options)
  price      price recommendations from Shopify CSV exports (--help for options)
`;

async function runPrice(argv: string[], io: CliIO): Promise<number> {
  // Loaded lazily so a problem in the pricing command never blocks `forecast`.
  const { runPriceCommand } = await import("./price-command");
  return runPriceCommand(argv, io);
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "forecast":
      return runForecastCommand(rest, io);
    case "price":
      return runPrice(rest, io);
    case undefined:
    case "-h":
    case "--help":
    case "help":
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`error: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
