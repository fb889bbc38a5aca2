// Typed errors for bad input files: each names the file, the line and, when known, the column.

export type CsvErrorCode =
  | "CSV.FILE_NOT_FOUND"
  | "CSV.EMPTY"
  | "CSV.MISSING_COLUMN"
  | "CSV.BAD_DATE"
  | "CSV.BAD_NUMBER"
  | "CSV.DUPLICATE_COLUMN"
  | "CSV.UNCLOSED_QUOTE"
  | "CSV.RECORD_TOO_LARGE"
  | "CSV.MALFORMED";

export interface CsvInputError {
  code: CsvErrorCode;
  file: string;
  /** 1-based line in the file where the record starts (1 = header). */
  line: number | null;
  /** Column header name. */
  column: string | null;
  message: string;
}

/** Thrown inside the loaders only; `loadShopifyExports` turns it into a typed result. */
export class CsvInputFailure extends Error {
  constructor(readonly error: CsvInputError) {
    super(formatCsvError(error));
    this.name = "CsvInputFailure";
  }
}

export function formatCsvError(e: CsvInputError): string {
  const where = [e.line !== null ? `line ${e.line}` : null, e.column !== null ? `column "${e.column}"` : null]
    .filter(Boolean)
    .join(", ");
  return `${e.file}${where ? ` (${where})` : ""}: ${e.message} [${e.code}]`;
}
