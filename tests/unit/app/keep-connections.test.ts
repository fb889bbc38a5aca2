// Idle keep-alive connections outlive a proxy's idle timeout (app/server/http.server.ts keepConnections): a peer
// that reuses one after a pause must not find it closed under it (ECONNRESET, a lost webhook acknowledgement).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { keepConnections } from "~/server/http.server";

describe("keepConnections", () => {
  it("GIVEN the app's server WHEN a client asks over keep-alive THEN the server announces 65 s of idle time", async () => {
    // GIVEN
    const server = http.createServer((_req, res) => res.end("ok"));
    keepConnections(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const agent = new http.Agent({ keepAlive: true });
    try {
      // WHEN
      const header = await new Promise<string | undefined>((resolve, reject) =>
        http
          .get({ port: (server.address() as AddressInfo).port, host: "127.0.0.1", agent }, (res) => {
            res.resume();
            resolve(res.headers["keep-alive"] as string | undefined);
          })
          .on("error", reject),
      );
      // THEN
      expect(header).toBe("timeout=65");
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
