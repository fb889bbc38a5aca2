// Shared test builders. They reuse the seeded demo simulator at small sizes, so tests see the same
// kind of data as the demo shop, and every field can be overridden. Same arguments, same data.
export { buildShop, buildProduct, buildVariant, buildOrders, buildOrder, type ShopOverrides } from "./shop";
export { buildDailySeries, buildSeriesSet, type SeriesOverrides } from "./series";
export {
  ordersCsv,
  productsCsv,
  inventoryHistoryCsv,
  vendorsCsv,
  toCsv,
  exportTimestamp,
  ORDER_EXPORT_COLUMNS,
  PRODUCT_EXPORT_COLUMNS,
} from "./shopify-csv";
