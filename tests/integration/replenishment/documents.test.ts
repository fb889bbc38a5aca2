// Supplier-ready purchase orders (issue 14, item 3): the vendor's contact, currency, language and price list
// in Settings; the PDF with its fonts embedded; the .eml with the PDF attached, addressed to the vendor.
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Catalogue, type Harness } from "./support";

const SHOP = "documents-shop.myshopify.com";
let h: Harness;
let cat: Catalogue;
let poId: string;

/** Parts of a MIME message: headers (lower-case names) and decoded bodies. */
function parseEml(text: string) {
  const [head, ...rest] = text.split("\r\n\r\n");
  const headers = Object.fromEntries(
    head.split("\r\n").map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  const boundary = /boundary="([^"]+)"/.exec(headers["content-type"])![1];
  const parts = rest
    .join("\r\n\r\n")
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((p) => {
      const [h2, ...b] = p.replace(/^\r\n/, "").split("\r\n\r\n");
      return { headers: h2, body: Buffer.from(b.join("").replace(/\s+/g, ""), "base64") };
    });
  return { headers, parts };
}

/** Every content stream of a PDF, inflated, as Latin-1 text. */
function pdfStreams(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  let out = "";
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf("endstream", start);
    try {
      out += inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      // not deflated
    }
  }
  return out;
}

async function get(path: string) {
  return h.call(
    path.includes("/pdf") ? "app.purchase-orders.$id.pdf" : "app.purchase-orders.$id.eml",
    "loader",
    h.request(SHOP, path),
    { id: poId },
  );
}

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  cat = await h.seedCatalogue(SHOP);
  // GIVEN a draft purchase order of the vendor "Atelier, Nord" for two variants, to the shop's location
  const po = await h.prisma.purchaseOrder.create({
    data: {
      shopId: cat.shopId,
      number: "PO-0042",
      vendor: "Atelier, Nord",
      status: "draft",
      currency: "EUR",
      locationId: cat.locationId,
      expectedAt: new Date("2026-12-20T00:00:00Z"),
    },
  });
  poId = po.id;
  for (const [i, q] of [12, 6].entries()) {
    await h.prisma.purchaseOrderLine.create({
      data: {
        shopId: cat.shopId,
        purchaseOrderId: po.id,
        variantId: cat.variants[i].id,
        quantity: q,
        unitCost: i === 0 ? 4.5 : 3.25,
      },
    });
  }
});

describe("supplier settings", () => {
  it("saves a vendor's contact, currency, language and price list, and refuses bad lines by number", async () => {
    const save = (values: object) =>
      h.call("app.settings", "action", h.request(SHOP, "/app/settings", { json: { intent: "supplier", values } }));
    const base = {
      vendor: "Atelier, Nord",
      contactName: "Élodie Marchand",
      contactEmail: "commandes@atelier-nord.example.com",
      currency: "usd",
      documentLocale: "fr",
    };
    // WHEN a price list names an unknown SKU and a bad price
    const bad = await save({ ...base, catalogue: "MUG-1; ATN-42; 4,20\nNOPE-9; X; 1\nBOL-1; ATN-7; cheap" });
    // THEN both lines are refused by number, nothing is saved
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([
      { field: "catalogue", code: "unknownSku", line: 2, sku: "NOPE-9" },
      { field: "catalogue", code: "price", line: 3 },
    ]);
    expect(await h.prisma.supplierItem.count({ where: { shopId: cat.shopId } })).toBe(0);
    // WHEN only MUG-1 has a price
    const ok = await save({ ...base, catalogue: "MUG-1; ATN-42; 4,20\n" });
    // THEN it is saved, the currency upper-cased, and the page reads it back
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, count: 1 });
    const page = await (await h.call("app.settings", "loader", h.request(SHOP, "/app/settings"))).json();
    expect(page.suppliers.find((s: { vendor: string }) => s.vendor === "Atelier, Nord")).toMatchObject({
      currency: "USD",
      documentLocale: "fr",
      catalogue: "MUG-1; ATN-42; 4.2",
    });
  });
});

describe("purchase-order documents", () => {
  it("downloads the PDF in the vendor's language with DejaVu fonts embedded, no standard font", async () => {
    // WHEN the PDF is downloaded
    const res = await get(`/app/purchase-orders/${poId}/pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdf.toString("latin1");
    // THEN it is a PDF attachment named after the order, in French, with subset TrueType fonts embedded
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="PO-0042.pdf"');
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text).toMatch(/\/Lang \(fr-FR\)/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(pdfStreams(pdf)).toMatch(/Tj|TJ/);
  });

  it("prices lines in the vendor's currency: its price list, else 'to confirm'", async () => {
    const { supplierDocument } = await import("~/replenishment/documents.server");
    const doc = (await supplierDocument(await h.shopContext(SHOP), poId))!;
    expect(doc).toMatchObject({
      number: "PO-0042",
      locale: "fr",
      currency: "USD",
      contactEmail: "commandes@atelier-nord.example.com",
      destination: "Entrepôt",
      unpriced: 1,
    });
    expect(doc.lines.map((l) => [l.sku, l.supplierSku, l.unitPrice, l.lineTotal])).toEqual([
      ["BOL-1", null, null, null],
      ["MUG-1", "ATN-42", 4.2, 50.4],
    ]);
    expect(doc.total).toBe(50.4);
  });

  it("downloads an e-mail to the vendor's contact with the PDF attached", async () => {
    // WHEN the .eml is downloaded
    const res = await get(`/app/purchase-orders/${poId}/eml`);
    const eml = parseEml(await res.text());
    // THEN it is addressed to the contact, has a French subject, a French text and the PDF attached
    expect(res.headers.get("content-type")).toBe("message/rfc822");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="PO-0042.eml"');
    expect(eml.headers.to).toBe(
      `=?UTF-8?B?${Buffer.from("Élodie Marchand").toString("base64")}?= <commandes@atelier-nord.example.com>`,
    );
    expect(eml.headers["x-unsent"]).toBe("1");
    expect(
      Buffer.from(/=\?UTF-8\?B\?(.+)\?=/.exec(eml.headers.subject)?.[1] ?? "", "base64").toString("utf8") ||
        eml.headers.subject,
    ).toBe("Bon de commande PO-0042 de documents-shop");
    expect(eml.parts).toHaveLength(2);
    expect(eml.parts[0].body.toString("utf8")).toMatch(
      /^Bonjour Élodie Marchand,\r\n\r\nVeuillez trouver ci-joint notre bon de commande PO-0042 \(2 lignes, 18 unités\)/,
    );
    expect(eml.parts[1].headers).toMatch(/Content-Disposition: attachment; filename="PO-0042.pdf"/);
    expect(eml.parts[1].body.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("keeps the prices it was sent with when the price list changes later", async () => {
    const { supplierDocument } = await import("~/replenishment/documents.server");
    // GIVEN the order marked sent
    const sent = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${poId}`, { json: { intent: "status", status: "sent" } }),
      { id: poId },
    );
    expect(sent.status).toBe(200);
    // WHEN the vendor's price and currency change in Settings
    await h.prisma.supplierItem.updateMany({ where: { shopId: cat.shopId }, data: { unitCost: 9.99 } });
    await h.prisma.vendorSettings.updateMany({
      where: { shopId: cat.shopId, vendor: "Atelier, Nord" },
      data: { currency: "GBP" },
    });
    // THEN the document still shows what was sent
    const doc = (await supplierDocument(await h.shopContext(SHOP), poId))!;
    expect(doc.currency).toBe("USD");
    expect(doc.lines.find((l) => l.sku === "MUG-1")?.unitPrice).toBe(4.2);
  });

  it("answers 404 for a purchase order of another shop", async () => {
    await h.install("other-documents.myshopify.com");
    const res = await h.call(
      "app.purchase-orders.$id.pdf",
      "loader",
      h.request("other-documents.myshopify.com", `/app/purchase-orders/${poId}/pdf`),
      { id: poId },
    );
    expect(res.status).toBe(404);
    const eml = await h.call(
      "app.purchase-orders.$id.eml",
      "loader",
      h.request("other-documents.myshopify.com", `/app/purchase-orders/${poId}/eml`),
      { id: poId },
    );
    expect(eml.status).toBe(404);
  });
});
