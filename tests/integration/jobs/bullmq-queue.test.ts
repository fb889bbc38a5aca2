// The BullMQ queue against the job queue contract. Runs with `npm run test:redis`
// (REDIS_URL=redis://127.0.0.1:6379): an unreachable Redis FAILS the suite. Skipped when REDIS_URL is unset.
import { Redis } from "ioredis";
import { Queue } from "bullmq";
import { describe } from "vitest";
import { BullJobQueue, redisConnection } from "~/jobs/bullmq-queue.server";
import { describeJobQueueContract } from "./contract";

const redisUrl = process.env.REDIS_URL ?? "";
const PREFIX = "pilotage-test";
let shops = 0;

describe.skipIf(redisUrl === "")("BullMQ adapter (REDIS_URL)", () => {
  describeJobQueueContract("bullmq", {
    lockExpiryMs: 1000,
    async setup() {
      const client = new Redis(redisUrl, {
        lazyConnect: true,
        connectTimeout: 2000,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await client.connect();
        await client.ping();
      } catch (error) {
        throw new Error(`Redis at ${redisUrl} is unreachable: ${(error as Error).message}`);
      } finally {
        client.disconnect();
      }
    },
    async teardown() {},
    async newShop() {
      return `shop-${process.pid}-${Date.now().toString(36)}-${++shops}`;
    },
    createQueue(group, options) {
      return new BullJobQueue({
        redisUrl,
        queueName: group,
        prefix: PREFIX,
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
        cancelPollMs: 100,
        backoff: { baseMs: 20, capMs: 200 },
        seed: 7,
        lanes: options?.lanes,
        livenessMs: 200,
      });
    },
    async dropGroup(group) {
      // The default lane's queue and the lanes' ("<group>-<lane>").
      for (const name of [group, `${group}-webhooks`]) {
        const queue = new Queue(name, { connection: redisConnection(redisUrl), prefix: PREFIX });
        await queue.obliterate({ force: true });
        const client = await queue.client;
        await client.del(`${PREFIX}:${name}:pilotage-cancelled-shops`, `${PREFIX}:${name}:pilotage-workers`);
        await queue.close();
      }
    },
  });
});
