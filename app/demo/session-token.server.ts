import { createHmac, randomUUID } from "node:crypto";

const b64url = (input: string | Buffer) => Buffer.from(input).toString("base64url");

/**
 * Mints the session token App Bridge would give an embedded app (HS256 JWT signed with the app secret).
 * Demo only: the demo server signs its own requests with a secret it generated at start.
 */
export function mintSessionToken({
  shop,
  apiKey,
  secret,
  userId = "1",
  ttlSeconds = 60,
}: {
  shop: string;
  apiKey: string;
  secret: string;
  userId?: string;
  ttlSeconds?: number;
}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: userId,
      exp: now + ttlSeconds,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}
