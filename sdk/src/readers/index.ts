// Readers: one interface for every list, from the indexer when one is configured, else from the chain.
import type { RegistryContext } from "../chain/registry.ts";
import { chainReader } from "./chain.ts";
import { indexerReader } from "./indexer.ts";
import type { BadgeReader } from "./types.ts";

export { chainReader } from "./chain.ts";
export {
  type CheckedListOptions,
  checkBadgeStatuses,
  readCheckedAdminOffers,
  readCheckedBadges,
  readCheckedClasses,
  readCheckedMemberships,
  readSourcedList,
  type SourcedList,
} from "./checked.ts";
export { IndexerError, type IndexerReaderOptions, indexerReader, readIndexedBlock } from "./indexer.ts";
export * from "./types.ts";
export { type IssueCall, issueCallOf } from "./way.ts";

/**
 * The reader to use: the indexer at `indexerUrl` when set (lists in one query), the chain otherwise.
 * Whichever answers, a badge's verdict still comes from the registry (verifyAssertion).
 */
export function readerFor(ctx: RegistryContext, indexerUrl?: string, options: { onQuery?: () => void } = {}): BadgeReader {
  return indexerUrl ? indexerReader({ url: indexerUrl, onQuery: options.onQuery }) : chainReader(ctx);
}
