// Shared by the autonomy and impact integration tests: a migrated temp database with small seeded shops.
import { migratedTestDatabase } from "../../support/env";

export async function impactHarness() {
  const { prisma } = await migratedTestDatabase();
  const { forShop } = await import("~/db/scoped.server");
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { generateShop } = await import("~/demo/simulator");
  return {
    prisma,
    /** Seeds a small simulated shop and returns its ShopContext. */
    async seedShop(seed: number, domain: string) {
      const sim = generateShop({ seed, variants: 40, days: 180 });
      sim.shop.domain = domain;
      const report = await seedDemoShop(prisma, sim);
      const shop = await prisma.shop.findUniqueOrThrow({ where: { id: report.shopId } });
      return {
        id: shop.id,
        domain: shop.domain,
        currency: shop.currency,
        timezone: shop.timezone,
        db: forShop(prisma, shop.id),
      };
    },
  };
}
