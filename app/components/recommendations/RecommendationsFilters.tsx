// Filters of the table, kept in the URL (the loader reads them): type, vendor, product type, confidence, impact.
import { useEffect, useState } from "react";
import { useSearchParams } from "@remix-run/react";
import { ChoiceList, Filters, TextField } from "@shopify/polaris";
import type { AppliedFilterInterface, FilterInterface } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney } from "~/lib/format";
import type { ListQuery } from "./schema";

type Key = "q" | "type" | "vendor" | "productType" | "confidence" | "impact";

export function RecommendationsFilters({
  query,
  options,
  currency,
}: {
  query: ListQuery;
  options: { vendors: string[]; productTypes: string[] };
  currency: string;
}) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const set = (key: Key, value: string | undefined) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (value == null || value === "") next.delete(key);
    else next.set(key, value);
    setParams(next);
  };
  // Number fields apply after a pause, not on every key stroke.
  const [confidence, setConfidence] = useState(query.confidence?.toString() ?? "");
  const [impact, setImpact] = useState(query.impact?.toString() ?? "");
  const [search, setSearch] = useState(query.q ?? "");
  useEffect(() => setSearch(query.q ?? ""), [query.q]);
  useEffect(() => setConfidence(query.confidence?.toString() ?? ""), [query.confidence]);
  useEffect(() => setImpact(query.impact?.toString() ?? ""), [query.impact]);
  const debounce = (key: Key, value: string) => {
    const timer = setTimeout(() => set(key, value.trim()), 500);
    return () => clearTimeout(timer);
  };
  // Compared with the URL, not the parsed query: a value the server refuses is not sent again and again.
  useEffect(() =>
    confidence.trim() !== (params.get("confidence") ?? "") ? debounce("confidence", confidence) : undefined,
  );
  useEffect(() => (impact.trim() !== (params.get("impact") ?? "") ? debounce("impact", impact) : undefined));
  useEffect(() => (search.trim() !== (params.get("q") ?? "") ? debounce("q", search) : undefined));

  const choice = (
    key: Key,
    label: string,
    choices: { label: string; value: string }[],
    selected: string | undefined,
  ): FilterInterface => ({
    key,
    label,
    shortcut: true,
    filter: (
      <ChoiceList
        title={label}
        titleHidden
        choices={choices}
        selected={selected ? [selected] : []}
        onChange={(v) => set(key, v[0])}
      />
    ),
  });
  const filters: FilterInterface[] = [
    choice(
      "type",
      t("recommendations.filter.type"),
      [
        { label: t("recommendations.kind.price"), value: "price" },
        { label: t("recommendations.kind.reorder"), value: "reorder" },
      ],
      query.type,
    ),
    choice(
      "vendor",
      t("recommendations.filter.vendor"),
      options.vendors.map((v) => ({ label: v, value: v })),
      query.vendor,
    ),
    choice(
      "productType",
      t("recommendations.filter.productType"),
      options.productTypes.map((v) => ({ label: v, value: v })),
      query.productType,
    ),
    {
      key: "confidence",
      label: t("recommendations.filter.confidence"),
      filter: (
        <TextField
          label={t("recommendations.filter.confidence")}
          labelHidden
          type="number"
          min={0}
          max={100}
          value={confidence}
          onChange={setConfidence}
          autoComplete="off"
          suffix="%"
        />
      ),
    },
    {
      key: "impact",
      label: t("recommendations.filter.impact"),
      filter: (
        <TextField
          label={t("recommendations.filter.impact")}
          labelHidden
          type="number"
          value={impact}
          onChange={setImpact}
          autoComplete="off"
          suffix={currency}
        />
      ),
    },
  ];
  const applied: AppliedFilterInterface[] = [];
  const add = (key: Key, label: string | undefined) =>
    label && applied.push({ key, label, onRemove: () => set(key, undefined) });
  add("type", query.type && `${t("recommendations.filter.type")}: ${t(`recommendations.kind.${query.type}`)}`);
  add("vendor", query.vendor && `${t("recommendations.filter.vendor")}: ${query.vendor}`);
  add("productType", query.productType && `${t("recommendations.filter.productType")}: ${query.productType}`);
  add(
    "confidence",
    query.confidence != null ? t("recommendations.filter.applied.confidence", { value: query.confidence }) : undefined,
  );
  add(
    "impact",
    query.impact != null
      ? t("recommendations.filter.applied.impact", { value: formatMoney(query.impact, currency, locale, 0) })
      : undefined,
  );

  return (
    <Filters
      queryValue={search}
      queryPlaceholder={t("recommendations.filter.query")}
      filters={filters}
      appliedFilters={applied}
      onQueryChange={setSearch}
      onQueryClear={() => {
        setSearch("");
        set("q", undefined);
      }}
      onClearAll={() => {
        setSearch("");
        setParams(new URLSearchParams());
      }}
    />
  );
}
