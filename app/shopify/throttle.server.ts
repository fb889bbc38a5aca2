// A client-side mirror of the Admin API's leaky bucket, one per shop. The server reports
// `extensions.cost.throttleStatus` { maximumAvailable, currentlyAvailable, restoreRate } on every response;
// between responses the mirror restores at restoreRate points per second and subtracts the cost of requests
// in flight, so concurrent callers pace themselves instead of exhausting the bucket.
// Model: Shopify, "Shopify API rate limits" (calculated query cost, leaky bucket algorithm).

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export class CostBucket {
  private max: number;
  private available: number;
  private restoreRate: number;
  private at: number;
  /** Estimated cost and number of requests sent but not answered yet. */
  private inflightCost = 0;
  private inflightCount = 0;
  /** False until a response told us the real bucket. */
  known = false;

  constructor(
    private readonly now: () => number = Date.now,
    initial?: ThrottleStatus,
  ) {
    this.max = initial?.maximumAvailable ?? 1000;
    this.available = initial?.currentlyAvailable ?? this.max;
    this.restoreRate = initial?.restoreRate ?? 50;
    this.at = now();
    if (initial) this.known = true;
  }

  private restore(): void {
    const t = this.now();
    this.available = Math.min(this.max, this.available + ((t - this.at) / 1000) * this.restoreRate);
    this.at = t;
  }

  /** Points available now, per the mirror, net of requests in flight. */
  current(): number {
    this.restore();
    return this.available - this.inflightCost;
  }

  /** Milliseconds to wait before a query of `cost` fits (0 = send now; always 0 until the bucket is known). */
  waitMs(cost: number): number {
    if (!this.known) return 0;
    this.restore();
    const need = Math.min(cost, this.max) - (this.available - this.inflightCost);
    return need <= 0 ? 0 : Math.ceil((need / this.restoreRate) * 1000);
  }

  /** The request reserved with `cost` was answered (or failed). */
  release(cost: number): void {
    this.inflightCost = Math.max(0, this.inflightCost - cost);
    this.inflightCount = Math.max(0, this.inflightCount - 1);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private waiters: (() => void)[] = [];

  /** Requests in flight. */
  inflight(): number {
    return this.inflightCount;
  }

  /** Resolves at the next release (a response or failure of a request in flight). */
  nextRelease(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private sent = 0;
  private observedSeq = -1;

  /** Counts a request in flight against the mirror (estimated cost); returns its send sequence number. */
  reserve(cost: number): number {
    this.inflightCost += cost;
    this.inflightCount++;
    return this.sent++;
  }

  /**
   * Adopts the server's view of the bucket. `seq` (from reserve) drops a status older than one already
   * adopted: answers can overtake each other, and an older one misses later deductions.
   */
  observe(status: ThrottleStatus, seq?: number): void {
    if (seq !== undefined) {
      if (seq < this.observedSeq) return;
      this.observedSeq = seq;
    }
    this.max = status.maximumAvailable;
    this.restoreRate = status.restoreRate > 0 ? status.restoreRate : this.restoreRate;
    this.available = status.currentlyAvailable;
    this.at = this.now();
    this.known = true;
  }

  /** Milliseconds until `cost` points are restored from `status` (used after THROTTLED). */
  static refillMs(status: ThrottleStatus, cost: number): number {
    const need = Math.min(cost, status.maximumAvailable) - status.currentlyAvailable;
    return need <= 0 ? 0 : Math.ceil((need / Math.max(status.restoreRate, 1e-9)) * 1000);
  }
}

const buckets = new Map<string, CostBucket>();

/** The process-wide bucket mirror of a shop. */
export function bucketForShop(shop: string): CostBucket {
  let bucket = buckets.get(shop);
  if (!bucket) {
    bucket = new CostBucket();
    buckets.set(shop, bucket);
  }
  return bucket;
}
