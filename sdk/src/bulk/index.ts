// Bulk issue: the recipients CSV shared by the CLI and the app.
export { CSV_COLUMNS, CsvError, csvField, parseCsv, readRecipients, type CsvColumn, type CsvProblem, type CsvRecord, type RecipientRow } from "./csv.ts";
