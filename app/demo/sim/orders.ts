// Turns daily units sold per variant and location into Shopify-like orders with repeat customers.
// Demand is exogenous (drawn per variant); customers are attached afterwards: returning customers
// come back on a schedule, and orders holding a gateway product mostly go to new customers, whose
// return rate is higher (the acquisition effect issue 4 measures).
import { formatDayCached as formatDay, parisTimestamp } from "./calendar";
import { round2 } from "./demand";
import type { VariantPlan } from "./products";
import { exponential, mulberry32, poisson, randInt, shuffle, subSeed, type Rng } from "./rng";
import type { SimCustomer, SimLocation, SimOrder, SimOrderLine } from "./types";

export interface OrderInput {
  seed: number;
  plans: VariantPlan[];
  /** sold[variant][location][dayIndex] */
  sold: Int32Array[][];
  firstDay: number;
  days: number;
  locations: SimLocation[];
}

/** Return probabilities after the first and after later orders, by acquisition channel. */
export const RETURN_RATES = {
  gateway: { first: 0.6, later: 0.5 },
  other: { first: 0.22, later: 0.35 },
};
/** Mean gap (days) before a returning customer's next order, on top of a 10-day minimum. */
const RETURN_GAP_MEAN = 45;
const MAX_WAIT = 30;

interface CustomerState {
  record: SimCustomer;
  orders: number;
  dueSince: number;
}

interface Draft {
  location: number;
  second: number;
  lines: { plan: VariantPlan; quantity: number }[];
  gateway: boolean;
}

// Online orders peak in the evening; the Paris shop opens 10:00 to 19:00.
const ONLINE_HOURS = [
  1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.2, 3.5, 4, 3.6, 3.2, 3.2, 3.4, 3.8, 4.5, 5.5, 6.5, 6.5, 5, 2.5,
];
const ONLINE_CUM = ONLINE_HOURS.map(
  (_, i) => ONLINE_HOURS.slice(0, i + 1).reduce((a, b) => a + b, 0) / ONLINE_HOURS.reduce((a, b) => a + b, 0),
);

function drawSecond(rng: Rng, location: number): number {
  if (location === 1) return 36_000 + Math.floor(rng() * 9 * 3600);
  const u = rng();
  const hour = ONLINE_CUM.findIndex((c) => u <= c);
  return Math.max(0, hour) * 3600 + Math.floor(rng() * 3600);
}

function drawLineQuantity(rng: Rng): number {
  const u = rng();
  return u < 0.72 ? 1 : u < 0.92 ? 2 : u < 0.97 ? 3 : randInt(rng, 4, 6);
}

export function buildOrders(input: OrderInput): { orders: SimOrder[]; customers: SimCustomer[] } {
  const { plans, sold, firstDay, days, locations } = input;
  const rng = mulberry32(subSeed(input.seed, "orders"));
  const orders: SimOrder[] = [];
  const customers: SimCustomer[] = [];
  const schedule = new Map<number, CustomerState[]>();
  let waiting: CustomerState[] = [];
  let orderNo = 0;
  let lineNo = 0;

  const newCustomer = (d: number, gateway: boolean): CustomerState => {
    const n = customers.length + 1;
    const record: SimCustomer = {
      id: `gid://shopify/Customer/${7000 + n}`,
      email: `client${n}@example.com`,
      firstOrderDay: formatDay(firstDay + d),
      acquiredByGateway: gateway,
    };
    customers.push(record);
    return { record, orders: 0, dueSince: d };
  };

  const scheduleReturn = (c: CustomerState, d: number) => {
    const rates = c.record.acquiredByGateway ? RETURN_RATES.gateway : RETURN_RATES.other;
    if (rng() >= (c.orders === 1 ? rates.first : rates.later)) return;
    const due = d + 10 + Math.round(exponential(rng, RETURN_GAP_MEAN));
    if (due >= days) return;
    const list = schedule.get(due);
    if (list) list.push(c);
    else schedule.set(due, [c]);
  };

  for (let d = 0; d < days; d++) {
    const dayNumber = firstDay + d;
    const drafts: Draft[] = [];
    for (let l = 0; l < locations.length; l++) {
      const lines: { plan: VariantPlan; quantity: number }[] = [];
      for (let v = 0; v < plans.length; v++) {
        let u = sold[v][l][d];
        while (u > 0) {
          const q = Math.min(u, drawLineQuantity(rng));
          lines.push({ plan: plans[v], quantity: q });
          u -= q;
        }
      }
      shuffle(rng, lines);
      for (let i = 0; i < lines.length;) {
        const size = 1 + poisson(rng, 0.6);
        const merged = new Map<VariantPlan, number>();
        for (const line of lines.slice(i, i + size))
          merged.set(line.plan, (merged.get(line.plan) ?? 0) + line.quantity);
        i += size;
        const draftLines = [...merged].map(([plan, quantity]) => ({ plan, quantity }));
        drafts.push({
          location: l,
          second: drawSecond(rng, l),
          lines: draftLines,
          gateway: draftLines.some((x) => x.plan.variant.truth.gateway),
        });
      }
    }

    // Customers due today join those still waiting for a matching order.
    waiting = waiting.filter((c) => d - c.dueSince <= MAX_WAIT);
    for (const c of schedule.get(d) ?? []) {
      c.dueSince = d;
      waiting.push(c);
    }
    schedule.delete(d);

    const owners = new Map<Draft, CustomerState | null>();
    for (const draft of shuffle(rng, drafts.slice())) {
      let owner: CustomerState | null;
      if (draft.location === 1 && rng() < 0.3) owner = null;
      else if (draft.gateway && rng() < 0.9) owner = newCustomer(d, true);
      else if (waiting.length > 0) owner = waiting.shift()!;
      else owner = newCustomer(d, draft.gateway);
      if (owner) {
        owner.orders++;
        scheduleReturn(owner, d);
      }
      owners.set(draft, owner);
    }

    const dayOrders: { second: number; order: SimOrder }[] = [];
    for (const draft of drafts) {
      const owner = owners.get(draft) ?? null;
      const order = makeOrder(draft, owner, d, draft.second);
      dayOrders.push({ second: draft.second, order });
      if (owner && rng() < 0.025) addRefund(order, d);
      if (draft.location === 0 && rng() < 0.012) {
        // A cancelled duplicate: never shipped, never demand.
        const ghost = newCustomer(d, false);
        const second = Math.min(86_000, draft.second + randInt(rng, 30, 300));
        const cancelled = makeOrder(draft, ghost, d, second);
        cancelled.cancelledAt = parisTimestamp(dayNumber, Math.min(86_399, second + randInt(rng, 600, 7200)));
        dayOrders.push({ second, order: cancelled });
      }
    }
    dayOrders.sort((a, b) => a.second - b.second);
    for (const { order } of dayOrders) {
      orderNo++;
      order.id = `gid://shopify/Order/${500000 + orderNo}`;
      order.name = `#${1000 + orderNo}`;
      orders.push(order);
    }
  }
  return { orders, customers };

  function makeOrder(draft: Draft, owner: CustomerState | null, d: number, second: number): SimOrder {
    const lines: SimOrderLine[] = draft.lines.map(({ plan, quantity }) => {
      lineNo++;
      const price = round2(plan.path.list[d]);
      const compareAt = plan.path.compareAt[d];
      return {
        id: `gid://shopify/LineItem/${300000 + lineNo}`,
        variantId: plan.variant.id,
        sku: plan.variant.sku,
        title: `${plan.product.title}${plan.variant.title === "Default Title" ? "" : ` - ${plan.variant.title}`}`,
        quantity,
        price,
        compareAtPrice: compareAt > 0 ? round2(compareAt) : null,
        discount: round2(quantity * price * plan.path.autoDiscount[d]),
      };
    });
    return {
      id: "",
      name: "",
      createdAt: parisTimestamp(firstDay + d, second),
      day: formatDay(firstDay + d),
      customerId: owner ? owner.record.id : null,
      email: owner ? owner.record.email : null,
      cancelledAt: null,
      locationId: locations[draft.location].id,
      lines,
      refunds: [],
    };
  }

  function addRefund(order: SimOrder, d: number) {
    const when = d + randInt(rng, 2, 20);
    if (when >= days) return;
    const line = order.lines[Math.floor(rng() * order.lines.length)];
    const quantity = randInt(rng, 1, line.quantity);
    const unit = line.price - line.discount / line.quantity;
    order.refunds.push({
      createdAt: parisTimestamp(firstDay + when, randInt(rng, 9 * 3600, 18 * 3600)),
      lines: [{ lineId: line.id, quantity, amount: round2(unit * quantity) }],
    });
  }
}
