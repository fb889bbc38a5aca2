// bench:events (issue 15): on shops of the independent simulator (tests/bench/sim, decision 0015) with known
// campaigns layered on top, the forecast error on campaign days with the merchant's event entered (its uplift
// off by up to +-30%) against without it; also with the uplift learned from the past campaigns of the type,
// with the true uplift (oracle), and the baseline error off-campaign with and without the past campaigns masked.
// Usage: tsx tests/bench/events.ts [--quick] [--no-doc] [--seeds=3] [--variants=600]
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import {
  applyEvents,
  buildPoolProfiles,
  evaluateEvent,
  eventDayMask,
  forecastVariant,
  lessonFor,
  type DailySeries,
  type EventOutcome,
  type ForecastEvent,
  type VariantForecast,
} from "../../app/core/forecast/index";
import { addDays } from "../../app/core/days";
import { engineView, generateBenchShop, PRODUCT_TYPES, stream, type BenchShop } from "./sim/index";
import { poissonDraw } from "./sim/rng";
import { fmt, machineLine, table, writeSection } from "./lib/report";

// No data folder: this benchmark runs on the simulator only.
const argv = process.argv.slice(2);
const flags = new Map(
  argv
    .filter((a) => a.startsWith("--") && a.includes("="))
    .map((a) => [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]),
);
const args = { quick: argv.includes("--quick"), noDoc: argv.includes("--no-doc") };
const num = (k: string, d: number): number => (flags.has(k) ? Number(flags.get(k)) : d);
const SEEDS = num("seeds", args.quick ? 1 : 3);
const VARIANTS = num("variants", args.quick ? 120 : 600);
const HORIZON = 28;
/** The merchant's error on the uplift: entered = true x (1 + U(-ENTRY_ERROR, ENTRY_ERROR)). */
const ENTRY_ERROR = 0.3;
/** Spread of the uplift between variants of a campaign (log-normal sd): no campaign lifts every item alike. */
const VARIANT_SPREAD = 0.3;

interface Campaign {
  event: ForecastEvent;
  /** The campaign's true average uplift (0.5 = +50%). */
  uplift: number;
  /** Per covered variant, its own true uplift. */
  perVariant: Map<string, number>;
}

/**
 * Campaigns per product type: three past ones (7-14 days, uplift 20-90%) spread over the last year, and, on half of
 * the types, one in the forecast window (days 8-14 after the origin). Their extra demand is drawn as Poisson
 * arrivals on top of the simulator's expected demand, and sold within the day's opening stock.
 */
function addCampaigns(shop: BenchShop, origin: number): Campaign[] {
  const rng = stream(shop.seed, "campaigns");
  const day = (i: number) => addDays(shop.start, i);
  const campaigns: Campaign[] = [];
  PRODUCT_TYPES.forEach((type, k) => {
    const members = shop.variants.filter((v) => v.productType === type);
    if (members.length === 0) return;
    const windows: [number, number][] = [];
    for (let j = 0; j < 3; j++) {
      const len = 7 + Math.floor(rng() * 8);
      const from = origin - 360 + j * 110 + Math.floor(rng() * 60);
      windows.push([from, from + len - 1]);
    }
    if (k % 2 === 0) windows.push([origin + 7, origin + 13]);
    windows.forEach(([from, to], j) => {
      const uplift = 0.2 + 0.7 * rng();
      const perVariant = new Map<string, number>();
      for (const v of members) {
        const u = (1 + uplift) * Math.exp(VARIANT_SPREAD * gaussian(rng) - VARIANT_SPREAD ** 2 / 2) - 1;
        perVariant.set(v.id, u);
        for (let i = from; i <= Math.min(to, shop.days - 1); i++) {
          const extra = poissonDraw(rng, v.meanPath[i] * Math.max(0, u));
          v.demand[i] += extra;
          v.units[i] = Math.min(v.demand[i], Math.max(v.units[i], v.opening[i])); // sold within the opening stock
        }
      }
      campaigns.push({
        event: {
          id: `${type}-${j}`,
          name: `${type} campaign ${j + 1}`,
          kind: "campaign",
          start: day(from),
          end: day(to),
          scope: { type: "productType", value: type },
          effect: { type: "percent", percent: 0 },
        },
        uplift,
        perVariant,
      });
    });
  });
  return campaigns;
}

function gaussian(rng: () => number): number {
  const u = Math.max(1e-12, rng());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

interface Score {
  abs: number;
  err: number;
  actual: number;
  absExp: number;
  expected: number;
}
const zero = (): Score => ({ abs: 0, err: 0, actual: 0, absExp: 0, expected: 0 });
function add(s: Score, f: number, a: number, e: number): void {
  s.abs += Math.abs(f - a);
  s.err += f - a;
  s.actual += a;
  s.absExp += Math.abs(f - e);
  s.expected += e;
}

const VERSIONS = [
  "no event entered",
  "entered, uplift off by up to +-30%",
  "entered, uplift learned from the past 3",
  "entered, true uplift (oracle)",
] as const;

function main(): void {
  const t0 = performance.now();
  const campaignDays = VERSIONS.map(zero);
  const offDays = { unmasked: zero(), masked: zero() };
  let variantsScored = 0;
  let learnedSum = 0,
    learnedN = 0,
    learnedAbsErr = 0;
  const outcomesErr = { statistical: 0, adjusted: 0, n: 0 };
  for (let s = 0; s < SEEDS; s++) {
    const shop = generateBenchShop({ seed: 1500 + s, variants: VARIANTS, days: 730 });
    const origin = shop.days - HORIZON;
    const campaigns = addCampaigns(shop, origin);
    const asOf = addDays(shop.start, origin - 1);
    const past = campaigns.filter((c) => c.event.end <= asOf);
    const future = campaigns.filter((c) => c.event.start > asOf);
    const rng = stream(shop.seed, "entry-error");
    // The merchant entered the past campaigns too (their uplift with the same error): masked in the fits.
    const entered = (c: Campaign, uplift: number): ForecastEvent => ({
      ...c.event,
      effect: { type: "percent", percent: 100 * uplift },
    });
    const pastEntered = past.map((c) => entered(c, c.uplift * (1 + ENTRY_ERROR * (2 * rng() - 1))));
    const views = shop.variants.map((v) => engineView(shop, v, origin));
    const plain = views.map((w) => w.series);
    const masked = views.map((w, i) => {
      const mine = pastEntered.filter(
        (e) => e.scope.type === "productType" && e.scope.value === shop.variants[i].productType,
      );
      const mask = eventDayMask(mine, w.series.start, w.series.units.length);
      return mask ? { ...w.series, eventDays: mask } : w.series;
    });
    const poolPlain = buildPoolProfiles(plain);
    const poolMasked = buildPoolProfiles(masked);
    // What the past campaigns taught (observed uplift on up to 60 variants each), per type.
    const outcomes: { event: ForecastEvent; outcome: EventOutcome | null }[] = pastEntered.map((e) => {
      const covered = masked.filter(
        (_, i) => e.scope.type === "productType" && shop.variants[i].productType === e.scope.value,
      );
      const own = covered.map((x) => ({
        ...x,
        eventDays: eventDayMask(
          pastEntered.filter(
            (o) =>
              o.id !== e.id &&
              o.scope.type === "productType" &&
              e.scope.type === "productType" &&
              o.scope.value === e.scope.value,
          ),
          x.start,
          x.units.length,
        ),
      }));
      const outcome = evaluateEvent(e, own.slice(0, 60) as DailySeries[], poolMasked);
      if (outcome) {
        outcomesErr.statistical += outcome.error.statistical;
        outcomesErr.adjusted += outcome.error.adjusted;
        outcomesErr.n++;
      }
      return { event: e, outcome };
    });
    for (let i = 0; i < shop.variants.length; i++) {
      const v = shop.variants[i];
      const fPlain = forecastVariant(plain[i], { horizon: HORIZON }, poolPlain);
      const fMasked = forecastVariant(masked[i], { horizon: HORIZON }, poolMasked);
      const camp = future.find((c) => c.perVariant.has(v.id));
      const versions: VariantForecast[] = [fPlain];
      if (camp) {
        const lesson = lessonFor({ ...camp.event, id: "next" }, outcomes, asOf);
        const learned = lesson?.averageUplift ?? 0;
        learnedSum += learned - camp.uplift;
        learnedAbsErr += Math.abs(learned - camp.uplift);
        learnedN++;
        versions.push(
          applyEvents(fMasked, [entered(camp, camp.uplift * (1 + ENTRY_ERROR * (2 * rng() - 1)))]),
          applyEvents(fMasked, [entered(camp, learned)]),
          applyEvents(fMasked, [entered(camp, camp.uplift)]),
        );
      }
      variantsScored++;
      for (let t = 0; t < HORIZON; t++) {
        const d = origin + t;
        // In-stock days only: sales on a stockout day are not demand.
        if (!(v.opening[d] > 0) || v.units[d] >= v.opening[d]) continue;
        const a = v.units[d];
        const day = addDays(shop.start, d);
        const inCampaign = camp && day >= camp.event.start && day <= camp.event.end;
        const expected = v.meanPath[d] * (inCampaign ? 1 + camp!.perVariant.get(v.id)! : 1);
        if (inCampaign) versions.forEach((f, k) => add(campaignDays[k], f.mean[t], a, expected));
        else {
          add(offDays.unmasked, fPlain.mean[t], a, expected);
          add(offDays.masked, fMasked.mean[t], a, expected);
        }
      }
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  const row = (name: string, s: Score) => [
    name,
    fmt(s.abs / s.actual, 3),
    fmt(s.err / s.actual, 3),
    fmt(s.absExp / s.expected, 3),
  ];
  const body = [
    "## Forecast events (bench:events)",
    "",
    machineLine(
      `npm run bench:events${args.quick ? " -- --quick" : ""}`,
      `${SEEDS} shop(s) x ${VARIANTS} variants of the independent simulator (tests/bench/sim), 730 days, horizon ${HORIZON}`,
    ),
    `- Load average at the end: ${load} (the machine was shared with other helpers' jobs; ${secs.toFixed(0)} s wall)`,
    "- Campaigns layered on the simulator: per product type 3 past campaigns (7-14 days, true uplift 20-90%, each variant's",
    `  own uplift log-normal around it, sd ${VARIANT_SPREAD}) and, on half of the types, one on forecast days 8-14; extra demand`,
    "  drawn as Poisson arrivals, sold within the day's opening stock. The merchant enters each campaign with its uplift off by",
    `  a uniform +-${100 * ENTRY_ERROR}%; past campaigns entered are masked in the fits. Scored on in-stock days.`,
    "",
    "Campaign days (WAPE = sum |forecast - sales| / sum sales; bias = sum (forecast - sales) / sum sales; last column against the",
    "simulator's expected demand, without the Poisson noise):",
    "",
    table(
      ["version", "WAPE", "bias", "WAPE vs expected"],
      VERSIONS.map((name, k) => row(name, campaignDays[k])),
    ),
    "",
    "Days outside the campaigns (the baseline; past campaigns in the history masked or not):",
    "",
    table(
      ["baseline", "WAPE", "bias", "WAPE vs expected"],
      [row("past campaigns not masked", offDays.unmasked), row("past campaigns masked", offDays.masked)],
    ),
    "",
    `- Uplift learned from the past 3 campaigns of the type against the campaign's true uplift: mean error ${fmt(learnedSum / Math.max(1, learnedN), 3)}, mean absolute error ${fmt(learnedAbsErr / Math.max(1, learnedN), 3)} (${learnedN} variant-campaigns).`,
    `- Past campaigns measured after the fact (what the Events page shows): mean WAPE of the statistical forecast ${fmt(outcomesErr.statistical / Math.max(1, outcomesErr.n), 3)}, of the entered one ${fmt(outcomesErr.adjusted / Math.max(1, outcomesErr.n), 3)} (${outcomesErr.n} campaigns).`,
    `- Variants scored: ${variantsScored}.`,
  ].join("\n");
  console.log(body);
  if (!args.noDoc) writeSection("events", body);
}

main();
