// The product fields the app reads from the Admin API (catalog.server.ts) and the emulator serves
// (app/emulator): one shape and one copy function for both sides.
import type { ProductStatus } from "~/types/admin.types";

export interface ProductHeader {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  /** ACTIVE, DRAFT, ARCHIVED, or UNLISTED (2025-10 and later). */
  status: ProductStatus;
  tags: string[];
}

/** The header fields of `p`, in this order (the tags array is shared, not copied). */
export function productHeader(p: ProductHeader): ProductHeader {
  return {
    id: p.id,
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    tags: p.tags,
  };
}
