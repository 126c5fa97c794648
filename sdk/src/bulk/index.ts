// Bulk issue, shared by the CLI and the app: the recipients CSV, the plan (batches under the gas
// cap), the journal interface, and the engine that signs, reconciles with the chain and sends.
export {
  CSV_COLUMNS,
  type CsvColumn,
  CsvError,
  type CsvProblem,
  type CsvRecord,
  csvField,
  parseCsv,
  type RecipientRow,
  readRecipients,
} from "./csv.ts";
export {
  awardOfRow,
  BulkIssue,
  BulkIssueError,
  type BulkIssueErrorCode,
  type BulkIssueSetup,
  type BulkOutcome,
  type BulkPlan,
  type BulkProgressEvent,
  type BulkRowResult,
  type BulkRowStatus,
  type BulkRunOptions,
  type BulkStopPoint,
  openBulkIssue,
  planBulkIssue,
  type RowAwardContext,
} from "./engine.ts";
export {
  applyEntry,
  type BulkJournal,
  type BulkJournalEntry,
  type BulkSettings,
  foldJournal,
  JOURNAL_VERSION,
  type JournalState,
  MemoryJournal,
  type PreparedEntry,
  type StartEntry,
} from "./journal.ts";
export {
  type BulkMode,
  badgesPerTransaction,
  estimatePlanGas,
  type MerkleBatchShape,
  merkleBatchGas,
  type PlannedBatch,
  payloadBytesOf,
  planBatches,
} from "./plan.ts";
