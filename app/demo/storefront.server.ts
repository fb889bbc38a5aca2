// Demo storefront: a sample product page that renders the theme app extension's real Liquid (liquidjs) with
// the demo shop's data, and an app-proxy stand-in that signs /apps/pilotage/* requests as Shopify does
// before they reach the app's proxy route. Demo only: the production server never imports this file.
import { readFileSync } from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Router } from "express";
import { Liquid, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import type { Db } from "~/db.server";
import { forShop, type ShopDb } from "~/db/scoped.server";
import { numericId } from "~/storefront/signals.server";
import { signProxyQuery } from "./proxy-signature.server";
import { decimal } from "~/core/money";

const EXT = "extensions/availability-signal";
type Locale = "en" | "fr";
type Dict = Record<string, unknown>;

function lookup(dict: Dict, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Dict)[part] : undefined), dict);
}

/** Shopify's `t` filter over a storefront locale file: pluralisation by `count` (one/other), {{ var }} interpolation. */
export function translateFilter(dict: Dict) {
  return (key: string, ...args: [string, unknown][]) => {
    const vars = Object.fromEntries(args.filter(Array.isArray));
    let entry = lookup(dict, key);
    if (entry && typeof entry === "object") entry = (entry as Dict)[vars.count === 1 ? "one" : "other"];
    if (typeof entry !== "string") return `translation missing: ${key}`;
    return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ""));
  };
}

/** A liquidjs engine that renders the extension as a theme would (snippets, `schema` ignored, `t`). */
export function extensionEngine(root: string, locale: Locale): Liquid {
  const ext = path.join(root, EXT);
  // Shopify's global objects (routes, ...) are visible inside rendered snippets too.
  const engine = new Liquid({
    root: [path.join(ext, "snippets"), path.join(ext, "blocks")],
    extname: ".liquid",
    relativeReference: false,
    globals: { routes: { root_url: "/" } },
  });
  const file = locale === "fr" ? "fr.json" : "en.default.json";
  const dict = JSON.parse(readFileSync(path.join(ext, "locales", file), "utf8")) as Dict;
  engine.registerFilter("t", translateFilter(dict));
  engine.registerTag("schema", {
    parse(_token: TagToken, remain: TopLevelToken[]) {
      // Skip everything up to {% endschema %}: the schema configures the theme editor, it renders nothing.
      while (remain.length) {
        const t = remain.shift() as TopLevelToken & { name?: string };
        if (t.name === "endschema") return;
      }
    },
    render() {
      return "";
    },
  });
  return engine;
}

export interface DemoVariant {
  id: string;
  /** Shopify's inventory policy: "continue" keeps selling at zero stock. */
  inventoryPolicy?: "deny" | "continue";
  title: string;
  price: string;
  facts: unknown;
}

/** The block's Liquid context for a product: each variant's app-owned metafield holds its signal facts. */
export function blockContext(
  product: { id: string; title: string; variants: DemoVariant[] },
  selected: string | null,
  settings: Dict,
) {
  const variants = product.variants.map((v) => ({
    id: v.id,
    title: v.title,
    price: v.price,
    inventory_policy: v.inventoryPolicy ?? "deny",
    metafields: { "$app:pilotage": { availability: v.facts ? { value: v.facts } : null } },
  }));
  const current = variants.find((v) => v.id === selected) ?? variants[0];
  return {
    product: { id: product.id, title: product.title, variants, selected_or_first_available_variant: current },
    block: { settings },
  };
}

export const DEFAULT_BLOCK_SETTINGS = {
  show_in_stock: true,
  show_low_stock: true,
  show_selling_fast: true,
  show_back_in_stock: true,
  show_ships_by: false,
  low_stock_days: 7,
  selling_fast_days: 21,
  show_exact_count: true,
  handling_days: 2,
  style: "badge",
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo product to show: the one whose variants have the most different signal states. */
async function pickProduct(db: ShopDb, handle: string | undefined) {
  if (handle) return db.product.findFirst({ where: { handle, deletedAt: null }, select: { id: true } });
  const rows = await db.availabilitySignal.findMany({
    select: { state: true, variant: { select: { productId: true } } },
  });
  const states = new Map<string, Set<string>>();
  for (const r of rows) states.set(r.variant.productId, (states.get(r.variant.productId) ?? new Set()).add(r.state));
  const best = [...states.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0];
  return best ? { id: best[0] } : null;
}

const PAGE_TEXT = {
  en: {
    add: "Add to cart",
    variant: "Variant",
    note: "Demo storefront: the Pilotage theme block rendered with this shop's data.",
  },
  fr: {
    add: "Ajouter au panier",
    variant: "Variante",
    note: "Boutique de démonstration : le bloc de thème Pilotage rendu avec les données de cette boutique.",
  },
};

export function demoStorefront(options: { root: string; db: Db; shopId: string }): Router {
  const router = express.Router();
  const db = forShop(options.db, options.shopId);
  const templates = new Map<Locale, { engine: Liquid; block: Template[] }>();
  const templateFor = (locale: Locale) => {
    let t = templates.get(locale);
    if (!t) {
      const engine = extensionEngine(options.root, locale);
      const block = engine.parse(readFileSync(path.join(options.root, EXT, "blocks", "availability.liquid"), "utf8"));
      t = { engine, block };
      templates.set(locale, t);
    }
    return t;
  };
  router.use("/demo/storefront/assets", express.static(path.join(options.root, EXT, "assets"), { maxAge: 0 }));
  router.get(["/demo/storefront", "/demo/storefront/products/:handle"], async (req, res, next) => {
    try {
      const locale: Locale = req.query.locale === "fr" ? "fr" : "en";
      const shop = await options.db.shop.findUniqueOrThrow({
        where: { id: options.shopId },
        select: { currency: true },
      });
      const money = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
        style: "currency",
        currency: shop.currency,
      });
      const picked = await pickProduct(db, req.params.handle);
      if (!picked) return res.status(404).send("no product");
      const product = await db.product.findFirstOrThrow({
        where: { id: picked.id },
        select: {
          shopifyId: true,
          title: true,
          variants: {
            where: { deletedAt: null },
            orderBy: { shopifyId: "asc" },
            select: { shopifyId: true, title: true, price: true, signal: { select: { facts: true } } },
          },
        },
      });
      const variants: DemoVariant[] = product.variants.map((v) => ({
        id: numericId(v.shopifyId),
        title: v.title,
        price: money.format(decimal(v.price)),
        facts: v.signal ? JSON.parse(v.signal.facts) : null,
      }));
      const selected = typeof req.query.variant === "string" ? req.query.variant : null;
      const ctx = blockContext(
        { id: numericId(product.shopifyId), title: product.title, variants },
        selected,
        DEFAULT_BLOCK_SETTINGS,
      );
      const { engine, block } = templateFor(locale);
      const html = await engine.render(block, ctx);
      const text = PAGE_TEXT[locale];
      const current = ctx.product.selected_or_first_available_variant;
      const options_ = variants
        .map(
          (v) =>
            `<option value="${v.id}"${v.id === current.id ? " selected" : ""}>${escape(v.title)} — ${escape(v.price)}</option>`,
        )
        .join("");
      res.type("html").send(`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(product.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo/storefront/assets/availability-signal.css">
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.note{color:#666;font-size:.85rem;border-bottom:1px solid #eee;padding-bottom:1rem}select,button{font-size:1rem;padding:.5rem;margin:.5rem 0}select{min-width:16rem}</style>
</head>
<body>
<p class="note">${escape(text.note)}</p>
<h1>${escape(product.title)}</h1>
<form action="/cart/add" method="post" onsubmit="return false">
<label>${escape(text.variant)}<br><select name="id">${options_}</select></label>
${html}
<button type="submit">${escape(text.add)}</button>
</form>
<script src="/demo/storefront/assets/availability-signal.js" defer></script>
</body>
</html>`);
    } catch (err) {
      next(err);
    }
  });
  return router;
}

/** Shopify's app proxy, locally: signs the storefront's /apps/pilotage/* request and hands it to the app. */
export function demoAppProxy(options: { shop: string; secret: string }): RequestHandler {
  return (req, _res, next) => {
    if (!req.path.startsWith("/apps/pilotage/")) return next();
    const [pathname, search = ""] = req.url.split("?");
    const signed = signProxyQuery(new URLSearchParams(search), { shop: options.shop, secret: options.secret });
    req.url = `${pathname}?${signed}`;
    req.originalUrl = req.url; // Remix builds its Request from originalUrl
    next();
  };
}
