// Shared set-up of the Admin API tests: a small seeded shop served by the emulator, and a gateway pointed at it.
import { generateShop, type SimShop } from "~/demo/simulator";
import { startEmulator, type Emulator, type EmulatorOptions } from "~/emulator/server.server";
import { createAdminGateway, type AdminGateway, type AdminGatewayOptions } from "~/shopify/admin-gateway.server";
import { CostBucket } from "~/shopify/throttle.server";

export const TOKEN = "shpat_test_token";

export function smallShop(): SimShop {
  return generateShop({ seed: 11, variants: 40, days: 60 });
}

export async function emulatorFor(sim: SimShop, options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ sim, token: TOKEN, ...options });
}

/** A gateway with its own bucket mirror, no real sleeping unless `realSleep`. */
export function gatewayFor(emulator: Emulator, options: Partial<AdminGatewayOptions> = {}): AdminGateway {
  return createAdminGateway({
    shop: emulator.state.shop.domain,
    accessToken: TOKEN,
    origin: emulator.url,
    bucket: new CostBucket(),
    ...options,
  });
}
