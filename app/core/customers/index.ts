export type * from "./types";
export { customerValueByProduct, CustomerValueBuilder, acquisitionValue, type CustomerValueOptions } from "./cohort";
export {
  fitBgNbd,
  fitGammaGamma,
  expectedPurchases,
  expectedSpend,
  probabilityAlive,
  type BgNbdParams,
  type GammaGammaParams,
  type RfmCustomer,
} from "./bgnbd";
