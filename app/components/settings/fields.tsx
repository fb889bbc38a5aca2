// One settings field: a Polaris input bound to the form state by path, with its error on it.
import { Select, TextField } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { errorText, labelKey, type FormState } from "./form-model";
import { specOf, type FieldError } from "./schema";

export interface FieldProps {
  path: string;
  state: FormState;
  errors: Record<string, FieldError>;
  currency: string;
  onChange: (path: string, value: string) => void;
  label?: string;
  labelHidden?: boolean;
  help?: MessageKey;
  disabled?: boolean;
}

export function NumberField({
  path,
  state,
  errors,
  currency,
  onChange,
  label,
  labelHidden,
  help,
  disabled,
}: FieldProps) {
  const { t, locale } = useI18n();
  const spec = specOf(path);
  const error = errors[path];
  // Text, not a number input: the admin's decimal comma shows ("2,9" in French); the state keeps a point.
  const shown = (state[path] ?? "").replace(".", locale === "fr" ? "," : ".");
  return (
    <TextField
      id={`field-${path}`}
      name={path}
      label={label ?? t(labelKey(path))}
      labelHidden={labelHidden}
      type="text"
      inputMode={spec?.unit === "int" ? "numeric" : "decimal"}
      autoComplete="off"
      value={shown}
      onChange={(v) => onChange(path, v.replace(",", "."))}
      suffix={spec?.unit === "pct" ? "%" : undefined}
      prefix={spec?.unit === "money" ? currency : undefined}
      helpText={help ? t(help) : undefined}
      error={error ? errorText(path, error, t, locale, currency) : undefined}
      disabled={disabled}
    />
  );
}

export function ChoiceField({
  path,
  state,
  errors,
  onChange,
  options,
  label,
  helpText,
}: Omit<FieldProps, "currency"> & { options: { label: string; value: string }[]; helpText?: string }) {
  const { t } = useI18n();
  return (
    <Select
      id={`field-${path}`}
      name={path}
      label={label ?? t(labelKey(path))}
      options={options}
      value={state[path] ?? ""}
      onChange={(v) => onChange(path, v)}
      helpText={helpText}
      error={errors[path] ? t("settings.error.choice") : undefined}
    />
  );
}
