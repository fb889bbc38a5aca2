// State changes behind the emulator's mutations, with Shopify's userErrors (codes from the Admin schema).
import { resolveNamespace, type EmuMetafield, type EmulatorState } from "./state.server";

export interface MutationArgs {
  productVariantsBulkUpdate: {
    productId: string;
    variants: { id?: string | null; price?: string | null; compareAtPrice?: string | null }[];
    allowPartialUpdates?: boolean | null;
  };
  metafieldsSet: {
    metafields: {
      ownerId: string;
      namespace?: string | null;
      key: string;
      value: string;
      type?: string | null;
      compareDigest?: string | null;
    }[];
  };
}

interface UserErrorOut {
  field: string[] | null;
  message: string;
  code: string;
}

const MONEY = /^-?\d+(\.\d{1,2})?$/;

/** All or nothing unless allowPartialUpdates: any userError leaves every variant unchanged. */
export function productVariantsBulkUpdate(
  state: EmulatorState,
  args: MutationArgs["productVariantsBulkUpdate"],
  now: Date,
): { applied: boolean; userErrors: UserErrorOut[] } {
  const product = state.productById.get(args.productId);
  if (!product) {
    return {
      applied: false,
      userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
    };
  }
  const userErrors: UserErrorOut[] = [];
  const valid: boolean[] = args.variants.map((input, i) => {
    const at = (f: string) => ["variants", String(i), f];
    if (!input.id) {
      userErrors.push({
        field: at("id"),
        message: "Product variant is missing ID attribute",
        code: "PRODUCT_VARIANT_ID_MISSING",
      });
      return false;
    }
    const variant = state.variantById.get(input.id);
    if (!variant) {
      userErrors.push({
        field: at("id"),
        message: "Product variant does not exist",
        code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
      });
      return false;
    }
    if (variant.productId !== product.id) {
      userErrors.push({
        field: at("id"),
        message: "Product variant does not belong to this product",
        code: "MUST_BE_FOR_THIS_PRODUCT",
      });
      return false;
    }
    for (const f of ["price", "compareAtPrice"] as const) {
      const value = input[f];
      if (value === undefined || value === null) continue;
      if (!MONEY.test(value)) {
        userErrors.push({
          field: at(f),
          message: `${f === "price" ? "Price" : "Compare at price"} is invalid`,
          code: "INVALID_INPUT",
        });
        return false;
      }
      if (Number(value) < 0) {
        userErrors.push({
          field: at(f),
          message: `${f === "price" ? "Price" : "Compare at price"} must be greater than or equal to 0`,
          code: "NEGATIVE_PRICE_VALUE",
        });
        return false;
      }
    }
    return true;
  });
  if (userErrors.length > 0 && !args.allowPartialUpdates) return { applied: false, userErrors };
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  args.variants.forEach((input, i) => {
    if (!valid[i]) return;
    const variant = state.variantById.get(input.id!)!;
    if (input.price !== undefined && input.price !== null) variant.price = Number(input.price);
    if (input.compareAtPrice !== undefined)
      variant.compareAtPrice = input.compareAtPrice === null ? null : Number(input.compareAtPrice);
    variant.updatedAt = stamp;
  });
  product.updatedAt = stamp;
  return { applied: true, userErrors };
}

const KEY = /^[A-Za-z0-9_-]{2,64}$/;
const NAMESPACE = /^[A-Za-z0-9_-]{3,255}$/;

/** Atomic: any userError and nothing is written (as Shopify's metafieldsSet). At most 25 per call. */
export function metafieldsSet(
  state: EmulatorState,
  args: MutationArgs["metafieldsSet"],
  now: Date,
): { metafields: EmuMetafield[] | null; userErrors: (UserErrorOut & { elementIndex: number | null })[] } {
  const userErrors: (UserErrorOut & { elementIndex: number | null })[] = [];
  if (args.metafields.length > 25) {
    userErrors.push({
      field: ["metafields"],
      message: "Exceeded the maximum metafields input limit of 25.",
      code: "LESS_THAN_OR_EQUAL_TO",
      elementIndex: null,
    });
    return { metafields: null, userErrors };
  }
  const resolved = args.metafields.map((m, i) => {
    const field = (f: string) => ["metafields", String(i), f];
    const namespace = resolveNamespace(state, m.namespace);
    const ownerExists =
      state.productById.has(m.ownerId) || state.variantById.has(m.ownerId) || state.orderById.has(m.ownerId);
    if (!ownerExists)
      userErrors.push({
        field: field("ownerId"),
        message: "Owner does not exist.",
        code: "INVALID_VALUE",
        elementIndex: i,
      });
    if (!KEY.test(m.key))
      userErrors.push({ field: field("key"), message: "Key is invalid.", code: "INVALID_VALUE", elementIndex: i });
    if (!NAMESPACE.test(namespace))
      userErrors.push({
        field: field("namespace"),
        message: "Namespace is invalid.",
        code: "INVALID_VALUE",
        elementIndex: i,
      });
    if (!m.type)
      userErrors.push({ field: field("type"), message: "Type can't be blank.", code: "BLANK", elementIndex: i });
    else if (m.type === "json") {
      try {
        JSON.parse(m.value);
      } catch {
        userErrors.push({
          field: field("value"),
          message: "Value is invalid JSON.",
          code: "INVALID_VALUE",
          elementIndex: i,
        });
      }
    } else if (m.type === "number_decimal" && !/^-?\d+(\.\d+)?$/.test(m.value)) {
      userErrors.push({
        field: field("value"),
        message: "Value must be a decimal.",
        code: "INVALID_VALUE",
        elementIndex: i,
      });
    }
    return { ...m, namespace };
  });
  if (userErrors.length > 0) return { metafields: null, userErrors };
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const written = resolved.map((m) => {
    const key = `${m.ownerId}|${m.namespace}|${m.key}`;
    const previous = state.metafields.get(key);
    const record: EmuMetafield = {
      id: previous?.id ?? `gid://shopify/Metafield/${state.next.metafield++}`,
      ownerId: m.ownerId,
      namespace: m.namespace,
      key: m.key,
      value: m.value,
      type: m.type!,
      createdAt: previous?.createdAt ?? stamp,
      updatedAt: stamp,
    };
    state.metafields.set(key, record);
    return record;
  });
  return { metafields: written, userErrors };
}
