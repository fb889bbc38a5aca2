/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type ProductBundleComponentsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductBundleComponentsQuery = { product?: AdminTypes.Maybe<{ variants: { nodes: Array<(
        Pick<AdminTypes.ProductVariant, 'id' | 'requiresComponents'>
        & { productVariantComponents: { nodes: Array<(
            Pick<AdminTypes.ProductVariantComponent, 'quantity'>
            & { productVariant: Pick<AdminTypes.ProductVariant, 'id'> }
          )> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type BulkRunQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type BulkRunQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type CurrentBulkOperationQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type CurrentBulkOperationQuery = { currentBulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'fileSize' | 'url' | 'partialDataUrl' | 'createdAt' | 'completedAt'>> };

export type BulkCatalogQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkCatalogQuery = { products: { edges: Array<{ node: (
        Pick<AdminTypes.Product, 'id' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'tags' | 'updatedAt'>
        & { variants: { edges: Array<{ node: (
              Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'price' | 'compareAtPrice' | 'updatedAt' | 'requiresComponents'>
              & { inventoryItem: (
                Pick<AdminTypes.InventoryItem, 'id' | 'updatedAt'>
                & { unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
              ), productVariantComponents: { edges: Array<{ node: (
                    Pick<AdminTypes.ProductVariantComponent, 'id' | 'quantity'>
                    & { productVariant: Pick<AdminTypes.ProductVariant, 'id'> }
                  ) }> } }
            ) }> } }
      ) }> } };

export type BulkInventoryQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkInventoryQuery = { locations: { edges: Array<{ node: (
        Pick<AdminTypes.Location, 'id' | 'name'>
        & { inventoryLevels: { edges: Array<{ node: (
              Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
              & { item: (
                Pick<AdminTypes.InventoryItem, 'id'>
                & { variant: Pick<AdminTypes.ProductVariant, 'id'> }
              ), quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
            ) }> } }
      ) }> } };

export type BulkOrdersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type BulkOrdersQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'currencyCode' | 'test' | 'subtotalLineItemsQuantity'>
        & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, retailLocation?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, fulfillments: Array<{ location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>> }>, refunds: Array<(
          Pick<AdminTypes.Refund, 'id' | 'createdAt'>
          & { refundLineItems: { nodes: Array<(
              Pick<AdminTypes.RefundLineItem, 'quantity'>
              & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
            )> } }
        )>, lineItems: { edges: Array<{ node: (
              Pick<AdminTypes.LineItem, 'id' | 'sku' | 'quantity'>
              & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
            ) }> } }
      ) }> } };

export type ProductsPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  variantsFirst: AdminTypes.Scalars['Int']['input'];
}>;


export type ProductsPageQuery = { products: { nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title' | 'handle' | 'vendor' | 'productType' | 'status' | 'tags' | 'updatedAt'>
      & { variants: { nodes: Array<(
          Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'price' | 'compareAtPrice' | 'updatedAt'>
          & { inventoryItem: (
            Pick<AdminTypes.InventoryItem, 'id'>
            & { unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
          ) }
        )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type ProductVariantsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ProductVariantsPageQuery = { product?: AdminTypes.Maybe<{ variants: { nodes: Array<(
        Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku' | 'price' | 'compareAtPrice' | 'updatedAt'>
        & { inventoryItem: (
          Pick<AdminTypes.InventoryItem, 'id'>
          & { unitCost?: AdminTypes.Maybe<Pick<AdminTypes.MoneyV2, 'amount'>> }
        ) }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type LocationsPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type LocationsPageQuery = { locations: { nodes: Array<Pick<AdminTypes.Location, 'id' | 'name' | 'isActive'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type InventoryLevelsPageQueryVariables = AdminTypes.Exact<{
  locationId: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type InventoryLevelsPageQuery = { location?: AdminTypes.Maybe<{ inventoryLevels: { nodes: Array<(
        Pick<AdminTypes.InventoryLevel, 'id' | 'updatedAt'>
        & { item: (
          Pick<AdminTypes.InventoryItem, 'id'>
          & { variant: Pick<AdminTypes.ProductVariant, 'id'> }
        ), quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type InventoryAvailableQueryVariables = AdminTypes.Exact<{
  locationId: AdminTypes.Scalars['ID']['input'];
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type InventoryAvailableQuery = { location?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id' | 'isActive'>>, nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.InventoryItem, 'id'>
    & { inventoryLevel?: AdminTypes.Maybe<{ quantities: Array<Pick<AdminTypes.InventoryQuantity, 'name' | 'quantity'>> }> }
  )>> };

export type InventoryAdjustMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.InventoryAdjustQuantitiesInput;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type InventoryAdjustMutation = { inventoryAdjustQuantities?: AdminTypes.Maybe<{ inventoryAdjustmentGroup?: AdminTypes.Maybe<(
      Pick<AdminTypes.InventoryAdjustmentGroup, 'id' | 'reason' | 'referenceDocumentUri'>
      & { changes: Array<(
        Pick<AdminTypes.InventoryChange, 'name' | 'delta' | 'quantityAfterChange'>
        & { item?: AdminTypes.Maybe<Pick<AdminTypes.InventoryItem, 'id'>> }
      )> }
    )>, userErrors: Array<Pick<AdminTypes.InventoryAdjustQuantitiesUserError, 'field' | 'message' | 'code'>> }> };

export type InventoryTransferDraftMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.InventoryTransferCreateInput;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type InventoryTransferDraftMutation = { inventoryTransferCreate?: AdminTypes.Maybe<{ inventoryTransfer?: AdminTypes.Maybe<Pick<AdminTypes.InventoryTransfer, 'id' | 'name' | 'status'>>, userErrors: Array<Pick<AdminTypes.InventoryTransferCreateUserError, 'field' | 'message' | 'code'>> }> };

export type AppMetafieldsSetMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type AppMetafieldsSetMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id' | 'namespace' | 'key' | 'value' | 'type'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code' | 'elementIndex'>> }> };

export type OrdersPageQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  linesFirst: AdminTypes.Scalars['Int']['input'];
}>;


export type OrdersPageQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'cancelledAt'>
      & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, retailLocation?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, lineItems: { nodes: Array<(
          Pick<AdminTypes.LineItem, 'id' | 'sku' | 'quantity'>
          & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> }, refunds: Array<(
        Pick<AdminTypes.Refund, 'id' | 'createdAt'>
        & { refundLineItems: { nodes: Array<(
            Pick<AdminTypes.RefundLineItem, 'quantity'>
            & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
          )> } }
      )> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type OrderLineItemsPageQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderLineItemsPageQuery = { order?: AdminTypes.Maybe<{ lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'quantity'>
        & { variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalDiscountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
      )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

export type VariantPricesUpdateMutationVariables = AdminTypes.Exact<{
  productId: AdminTypes.Scalars['ID']['input'];
  variants: Array<AdminTypes.ProductVariantsBulkInput> | AdminTypes.ProductVariantsBulkInput;
}>;


export type VariantPricesUpdateMutation = { productVariantsBulkUpdate?: AdminTypes.Maybe<{ productVariants?: AdminTypes.Maybe<Array<Pick<AdminTypes.ProductVariant, 'id' | 'price' | 'compareAtPrice'>>>, userErrors: Array<Pick<AdminTypes.ProductVariantsBulkUpdateUserError, 'field' | 'message' | 'code'>> }> };

export type ShopInfoQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopInfoQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>, shopLocales: Array<Pick<AdminTypes.ShopLocale, 'locale' | 'primary'>> };

export type VariantPricesReadQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type VariantPricesReadQuery = { product?: AdminTypes.Maybe<{ variants: { nodes: Array<Pick<AdminTypes.ProductVariant, 'id' | 'price' | 'compareAtPrice'>>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } }> };

interface GeneratedQueryTypes {
  "#graphql\n  query ProductBundleComponents($id: ID!, $after: String) {\n    product(id: $id) {\n      variants(first: 10, after: $after) {\n        nodes {\n          id\n          requiresComponents\n          productVariantComponents(first: 30) {\n            nodes {\n              quantity\n              productVariant {\n                id\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: ProductBundleComponentsQuery, variables: ProductBundleComponentsQueryVariables},
  "#graphql\n  query CurrentBulkOperation {\n    currentBulkOperation {\n      id\n      status\n      errorCode\n      objectCount\n      rootObjectCount\n      fileSize\n      url\n      partialDataUrl\n      createdAt\n      completedAt\n    }\n  }\n": {return: CurrentBulkOperationQuery, variables: CurrentBulkOperationQueryVariables},
  "#graphql\n  query BulkCatalog {\n    products {\n      edges {\n        node {\n          id\n          title\n          handle\n          vendor\n          productType\n          status\n          tags\n          updatedAt\n          variants {\n            edges {\n              node {\n                id\n                title\n                sku\n                price\n                compareAtPrice\n                updatedAt\n                requiresComponents\n                inventoryItem {\n                  id\n                  updatedAt\n                  unitCost {\n                    amount\n                  }\n                }\n                productVariantComponents {\n                  edges {\n                    node {\n                      id\n                      quantity\n                      productVariant {\n                        id\n                      }\n                    }\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: BulkCatalogQuery, variables: BulkCatalogQueryVariables},
  "#graphql\n  query BulkInventory {\n    locations {\n      edges {\n        node {\n          id\n          name\n          inventoryLevels {\n            edges {\n              node {\n                id\n                updatedAt\n                item {\n                  id\n                  variant {\n                    id\n                  }\n                }\n                quantities(names: [\"available\", \"on_hand\", \"committed\", \"incoming\"]) {\n                  name\n                  quantity\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: BulkInventoryQuery, variables: BulkInventoryQueryVariables},
  "#graphql\n  query BulkOrders {\n    orders(query: \"SEARCH\", sortKey: CREATED_AT) {\n      edges {\n        node {\n          id\n          name\n          createdAt\n          processedAt\n          updatedAt\n          cancelledAt\n          currencyCode\n          test\n          subtotalLineItemsQuantity\n          customer {\n            id\n          }\n          retailLocation {\n            id\n          }\n          fulfillments(first: 1) {\n            location {\n              id\n            }\n          }\n          refunds {\n            id\n            createdAt\n            refundLineItems(first: 100) {\n              nodes {\n                lineItem {\n                  id\n                }\n                quantity\n                subtotalSet {\n                  shopMoney {\n                    amount\n                  }\n                }\n              }\n            }\n          }\n          lineItems {\n            edges {\n              node {\n                id\n                sku\n                quantity\n                variant {\n                  id\n                }\n                originalUnitPriceSet {\n                  shopMoney {\n                    amount\n                  }\n                }\n                totalDiscountSet {\n                  shopMoney {\n                    amount\n                  }\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: BulkOrdersQuery, variables: BulkOrdersQueryVariables},
  "#graphql\n  query ProductsPage($first: Int!, $after: String, $query: String, $variantsFirst: Int!) {\n    products(first: $first, after: $after, query: $query, sortKey: ID) {\n      nodes {\n        id\n        title\n        handle\n        vendor\n        productType\n        status\n        tags\n        updatedAt\n        variants(first: $variantsFirst) {\n          nodes {\n            id\n            title\n            sku\n            price\n            compareAtPrice\n            updatedAt\n            inventoryItem {\n              id\n              unitCost {\n                amount\n              }\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: ProductsPageQuery, variables: ProductsPageQueryVariables},
  "#graphql\n  query ProductVariantsPage($id: ID!, $first: Int!, $after: String) {\n    product(id: $id) {\n      variants(first: $first, after: $after) {\n        nodes {\n          id\n          title\n          sku\n          price\n          compareAtPrice\n          updatedAt\n          inventoryItem {\n            id\n            unitCost {\n              amount\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: ProductVariantsPageQuery, variables: ProductVariantsPageQueryVariables},
  "#graphql\n  query LocationsPage($first: Int!, $after: String) {\n    locations(first: $first, after: $after) {\n      nodes {\n        id\n        name\n        isActive\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: LocationsPageQuery, variables: LocationsPageQueryVariables},
  "#graphql\n  query InventoryLevelsPage($locationId: ID!, $first: Int!, $after: String) {\n    location(id: $locationId) {\n      inventoryLevels(first: $first, after: $after) {\n        nodes {\n          id\n          updatedAt\n          item {\n            id\n            variant {\n              id\n            }\n          }\n          quantities(names: [\"available\", \"on_hand\", \"committed\", \"incoming\"]) {\n            name\n            quantity\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: InventoryLevelsPageQuery, variables: InventoryLevelsPageQueryVariables},
  "#graphql\n  query InventoryAvailable($locationId: ID!, $ids: [ID!]!) {\n    location(id: $locationId) {\n      id\n      isActive\n    }\n    nodes(ids: $ids) {\n      ... on InventoryItem {\n        id\n        inventoryLevel(locationId: $locationId) {\n          quantities(names: [\"available\"]) {\n            name\n            quantity\n          }\n        }\n      }\n    }\n  }\n": {return: InventoryAvailableQuery, variables: InventoryAvailableQueryVariables},
  "#graphql\n  query OrdersPage($first: Int!, $after: String, $query: String, $linesFirst: Int!) {\n    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        name\n        createdAt\n        updatedAt\n        cancelledAt\n        customer {\n          id\n        }\n        retailLocation {\n          id\n        }\n        lineItems(first: $linesFirst) {\n          nodes {\n            id\n            sku\n            quantity\n            variant {\n              id\n            }\n            originalUnitPriceSet {\n              shopMoney {\n                amount\n              }\n            }\n            totalDiscountSet {\n              shopMoney {\n                amount\n              }\n            }\n          }\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n        }\n        refunds(first: 5) {\n          id\n          createdAt\n          refundLineItems(first: 10) {\n            nodes {\n              lineItem {\n                id\n              }\n              quantity\n              subtotalSet {\n                shopMoney {\n                  amount\n                }\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: OrdersPageQuery, variables: OrdersPageQueryVariables},
  "#graphql\n  query OrderLineItemsPage($id: ID!, $first: Int!, $after: String) {\n    order(id: $id) {\n      lineItems(first: $first, after: $after) {\n        nodes {\n          id\n          sku\n          quantity\n          variant {\n            id\n          }\n          originalUnitPriceSet {\n            shopMoney {\n              amount\n            }\n          }\n          totalDiscountSet {\n            shopMoney {\n              amount\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: OrderLineItemsPageQuery, variables: OrderLineItemsPageQueryVariables},
  "#graphql\n  query ShopInfo {\n    shop {\n      name\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n    }\n    shopLocales(published: true) {\n      locale\n      primary\n    }\n  }\n": {return: ShopInfoQuery, variables: ShopInfoQueryVariables},
  "#graphql\n  query VariantPricesRead($id: ID!, $first: Int!, $after: String) {\n    product(id: $id) {\n      variants(first: $first, after: $after) {\n        nodes {\n          id\n          price\n          compareAtPrice\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": {return: VariantPricesReadQuery, variables: VariantPricesReadQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation BulkRunQuery($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: BulkRunQueryMutation, variables: BulkRunQueryMutationVariables},
  "#graphql\n  mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {\n    inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {\n      inventoryAdjustmentGroup {\n        id\n        reason\n        referenceDocumentUri\n        changes(quantityNames: [\"available\"]) {\n          name\n          delta\n          quantityAfterChange\n          item {\n            id\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: InventoryAdjustMutation, variables: InventoryAdjustMutationVariables},
  "#graphql\n  mutation InventoryTransferDraft($input: InventoryTransferCreateInput!, $key: String!) {\n    inventoryTransferCreate(input: $input) @idempotent(key: $key) {\n      inventoryTransfer {\n        id\n        name\n        status\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: InventoryTransferDraftMutation, variables: InventoryTransferDraftMutationVariables},
  "#graphql\n  mutation AppMetafieldsSet($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields {\n        id\n        namespace\n        key\n        value\n        type\n      }\n      userErrors {\n        field\n        message\n        code\n        elementIndex\n      }\n    }\n  }\n": {return: AppMetafieldsSetMutation, variables: AppMetafieldsSetMutationVariables},
  "#graphql\n  mutation VariantPricesUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {\n    productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n      productVariants {\n        id\n        price\n        compareAtPrice\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: VariantPricesUpdateMutation, variables: VariantPricesUpdateMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
