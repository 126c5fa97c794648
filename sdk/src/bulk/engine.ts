// The bulk-issue engine of the CLI and the app: plan → sign → journal → reconcile with the chain →
// send, batch after batch, resumable after an interruption anywhere without issuing a badge twice.
//
// Why it cannot issue twice: every credential is signed once and journaled before its batch can
// be sent, so a resumed run sends the very same credentials (same random id and salt, hence the
// same uids). Before sending a batch it waits for any transaction the journal saw sent for it, and
// otherwise asks the chain which of its uids are already recorded; only the others go out. The
// registry refuses a uid twice anyway, so even a journal lost at the worst moment cannot duplicate.
import { type Hex, keccak256, stringToHex, TransactionNotFoundError, type TransactionReceipt } from "viem";
import { STATUS_LIST_LENGTH, statusPosition } from "../anchor/statusList.ts";
import { isStaleStatusIndex, prepareBadge } from "../award/index.ts";
import { explainError, RegistryError } from "../chain/errors.ts";
import { issueBadges, issueMerkleBatch } from "../chain/issuing.ts";
import { type ChainImages, readChainImages, sealPublishedCredential } from "../chain/published.ts";
import { readAssertionStatus, readBatch, type WriteContext } from "../chain/registry.ts";
import { publishStatusListIfMissing, readNextStatusIndex } from "../chain/statusLists.ts";
import { generateBadgeKey, keyFromString, keyToString } from "../crypto/envelope.ts";
import type { AchievementInput, AwardInput, IssuerInput } from "../documents/types.ts";
import { ChanceryError } from "../errors.ts";
import { buildShareLink } from "../links/share.ts";
import { batchRosterBytes, encodeBatchRoster } from "../roster/batch.ts";
import { type RosterSecret, rosterBadgeKey } from "../roster/index.ts";
import { ob2AssertionUrl, ob2KeyedAssertionUrl } from "../urls.ts";
import type { RecipientRow } from "./csv.ts";
import {
  applyEntry,
  type BulkJournal,
  type BulkJournalEntry,
  type BulkSettings,
  foldJournal,
  JOURNAL_VERSION,
  type JournalState,
  type PreparedEntry,
  type StartEntry,
} from "./journal.ts";
import { badgesPerTransaction, estimatePlanGas, type PlannedBatch, payloadBytesOf, planBatches } from "./plan.ts";

export type BulkIssueErrorCode =
  | "journal-mismatch" // the journal belongs to another run, or the input changed since it was written
  | "transaction-pending"; // a transaction the journal saw sent is still waiting to be mined

/** Why a run cannot go on. For `journal-mismatch`: the setting that differs, or the lines of the input. */
export class BulkIssueError extends ChanceryError {
  declare readonly code: BulkIssueErrorCode;
  /** "settings": `setting` names it; "row-changed": `lines` differ or are gone; "rows-added": `lines` are new. */
  readonly reason: "version" | "settings" | "row-changed" | "rows-added" | undefined;
  readonly setting: string | undefined;
  readonly lines: number[];

  constructor(
    code: BulkIssueErrorCode,
    message: string,
    options: { reason?: BulkIssueError["reason"]; setting?: string; lines?: number[]; kind?: "invalid-input" | "unavailable" } = {},
  ) {
    super(code, message, { kind: options.kind ?? "invalid-input" });
    this.name = "BulkIssueError";
    this.reason = options.reason;
    this.setting = options.setting;
    this.lines = options.lines ?? [];
  }
}

export type BulkIssueSetup = {
  journal: BulkJournal;
  /** Checked rows (readRecipients): the same on every resume, or the journal refuses them. */
  rows: readonly RecipientRow[];
  settings: Omit<BulkSettings, "validFrom">;
  issuer: IssuerInput;
  achievement: AchievementInput;
  /** Where share links point; not journaled (links can be rebuilt for another origin). */
  appBase: string;
  /** An upper bound on badges per transaction (the gas cap sets the real one). */
  batchSize?: number;
  /** A name for the input, kept in the journal (the CSV's file name). */
  label?: string;
  /**
   * The class image and the issuer's logo as the caller read them from the chain (the class's content,
   * the issuer's profile): the plan then sizes published credentials without them, as they are sent.
   * Checked against the chain before the first payload is sealed; without it the plan counts them in.
   */
  chainImages?: ChainImages;
};

type Progress = { done: number; total: number; batches: number };

/** What a run reports while it works: for a progress bar (`done` of `total` rows on chain) and a line of text. */
export type BulkProgressEvent = Progress &
  (
    | { phase: "signing"; batch: number; signed: number; size: number }
    | { phase: "waiting"; batch: number; tx: Hex }
    | { phase: "checking"; batch: number }
    | { phase: "sending"; batch: number; count: number }
    | { phase: "anchored"; batch: number; issued: number; tx: Hex | null; badges: BulkRowResult[] }
  );

/** Where a run may stop: before a batch (after the one in flight), or between two credentials being signed. */
export type BulkStopPoint = "batch" | "credential";

export type BulkRunOptions = {
  ctx: WriteContext;
  /** The issuer's Ed25519 key, or how to get it (asked for only when something is left to sign). */
  signingKey: { secretKey: Uint8Array } | (() => Promise<{ secretKey: Uint8Array }>);
  onProgress?: (event: BulkProgressEvent) => void;
  /** Asked at each stop point; true stops the run there. A transaction already sent is always awaited. */
  shouldStop?: (at: BulkStopPoint) => boolean;
  /**
   * The sending wallet's roster: published badges get keys derived from it, and Merkle batches of a
   * run with `batchRoster` carry their names encrypted for it (readable on any device, sdk/roster).
   */
  roster?: RosterSecret;
};

export type BulkOutcome = {
  /** Badges this run recorded. */
  issuedNow: number;
  /** Badges of the input found on chain already (earlier runs of this journal). */
  alreadyOnChain: number;
  transactions: Hex[];
  /** True when the run stopped before every batch was on chain. */
  stopped: boolean;
};

/**
 * What a row came to. "issued": recorded by this run; "issued earlier": found on chain (its uid
 * comes from this journal's credential, so only a run of this journal can have recorded it).
 */
export type BulkRowStatus = "issued" | "issued earlier" | "signed, not sent" | "not started";

export type BulkRowResult = {
  line: number;
  row: RecipientRow;
  status: BulkRowStatus;
  uid?: Hex;
  batchId?: Hex;
  /** The badge key of an encrypted credential (it is in the share link's fragment too). */
  key?: string;
  credential?: PreparedEntry["credential"];
  /** Once on chain. */
  shareLink?: string;
  hostedUrl?: string;
  /** Why the row's batch failed in this run, if it did. */
  error?: string;
};

// How long a transaction the journal saw sent may take to be mined before the run gives up.
const RECEIPT_TIMEOUT_MS = 120_000;
// Reads of uids' status at once.
const READ_CONCURRENCY = 16;
// Signing never waits on I/O: yield this often so a pause or Ctrl-C is heard and a page can paint.
const YIELD_EVERY_MS = 50;

const digest = (row: RecipientRow) => keccak256(stringToHex(row.raw));
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}

function mismatch(start: StartEntry, setup: BulkIssueSetup): BulkIssueError | undefined {
  if (start.v !== JOURNAL_VERSION) {
    return new BulkIssueError(
      "journal-mismatch",
      `The journal was written by another version of Chancery (format ${start.v}); finish that run with it, or start over.`,
      {
        reason: "version",
      },
    );
  }
  const s = setup.settings;
  const setting =
    start.chainId !== s.chainId
      ? `chain ${start.chainId}`
      : start.registry.toLowerCase() !== s.registry.toLowerCase()
        ? `registry ${start.registry}`
        : start.classId !== s.classId
          ? `class #${start.classId}`
          : start.mode !== s.mode
            ? `mode ${start.mode}`
            : start.publish !== s.publish
              ? `publish=${start.publish}`
              : start.gatewayBase !== s.gatewayBase
                ? `gateway ${start.gatewayBase}`
                : undefined;
  if (setting)
    return new BulkIssueError("journal-mismatch", `The journal belongs to a run for ${setting}.`, { reason: "settings", setting });
  const input = new Map(setup.rows.map((row) => [row.line, row]));
  const changed = start.rows.filter(([line, hash]) => {
    const row = input.get(line);
    return !row || digest(row) !== hash;
  });
  if (changed.length) {
    const lines = changed.map(([line]) => line);
    return new BulkIssueError("journal-mismatch", `The input changed since the journal was written (line ${lines[0]} differs).`, {
      reason: "row-changed",
      lines,
    });
  }
  const planned = new Set(start.rows.map(([line]) => line));
  const added = setup.rows.filter((row) => !planned.has(row.line)).map((row) => row.line);
  if (added.length) {
    return new BulkIssueError(
      "journal-mismatch",
      `Lines ${added.join(", ")} are not in the journal's plan: the input gained rows since the run began.`,
      {
        reason: "rows-added",
        lines: added,
      },
    );
  }
  return undefined;
}

export type BulkPlan = {
  batches: PlannedBatch[];
  /** Badges per transaction. */
  size: number;
  /** The largest encrypted credential expected (0 without `publish`). */
  payloadBytes: number;
  /** Gas of every transaction together. */
  gas: bigint;
};

/** The plan a run of these rows and settings gets: the app's estimate and the journal's plan are this. */
export function planBulkIssue(
  input: Pick<BulkIssueSetup, "rows" | "settings" | "issuer" | "achievement" | "batchSize" | "chainImages">,
  validFrom = new Date().toISOString(),
): BulkPlan {
  const { rows, settings } = input;
  const context = { ...settings, issuer: input.issuer, achievement: input.achievement, validFrom };
  const payloadBytes = payloadBytesOf(rows, (row) => awardOfRow(row, context), settings.publish, input.chainImages);
  const size = badgesPerTransaction({ mode: settings.mode, payloadBytes, batchSize: input.batchSize });
  const batches = planBatches(rows, size, settings.mode, input.issuer.issuerId);
  const byLine = new Map(rows.map((row) => [row.line, row]));
  const merkle = (batch: PlannedBatch) => {
    const of = batch.lines.map((line) => byLine.get(line) as RecipientRow);
    return {
      wallets: of.filter((row) => row.wallet).length,
      rosterBytes: settings.batchRoster ? batchRosterBytes(of.map((row) => ({ name: row.name, email: row.email }))) : 0,
    };
  };
  return { batches, size, payloadBytes, gas: estimatePlanGas(batches, { mode: settings.mode, payloadBytes, merkle }) };
}

/**
 * Opens a bulk issue: a new run (its start and plan are journaled at once) or the run its journal
 * holds, refused with a `BulkIssueError` if the journal belongs to other settings or the input changed.
 */
export async function openBulkIssue(setup: BulkIssueSetup): Promise<BulkIssue> {
  const { settings, rows } = setup;
  if (settings.mode === "merkle" && settings.publish) {
    throw new ChanceryError("invalid-input", "A Merkle batch carries no encrypted credentials: publish only with array batches.");
  }
  if (settings.batchRoster && settings.mode !== "merkle") {
    throw new ChanceryError("invalid-input", "batchRoster is for Merkle batches: array batches name their learners through publish.");
  }
  if (rows.length === 0) throw new ChanceryError("invalid-input", "Nothing to issue: the input has no rows.");
  const state = foldJournal(await setup.journal.load());
  if (state.start) {
    const refused = mismatch(state.start, setup);
    if (refused) throw refused;
  } else {
    const validFrom = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const start: StartEntry = {
      type: "start",
      v: JOURNAL_VERSION,
      at: new Date().toISOString(),
      ...(setup.label ? { label: setup.label } : {}),
      ...settings,
      validFrom,
      batches: planBulkIssue(setup, validFrom).batches,
      rows: rows.map((row) => [row.line, digest(row)]),
    };
    await setup.journal.append(start);
    applyEntry(state, start);
  }
  return new BulkIssue(setup, state);
}

/** What an award of a row depends on besides the row: the class, its issuer, the deployment, the run's validFrom. */
export type RowAwardContext = Pick<BulkSettings, "chainId" | "registry" | "classId" | "gatewayBase"> & {
  issuer: IssuerInput;
  achievement: AchievementInput;
  /** Unless the row gives its own. */
  validFrom: Date | string;
  batchId?: Hex;
};

/** The award of one recipient row (a CSV row, or the CLI's flags for one badge). */
export function awardOfRow(row: Omit<RecipientRow, "line" | "raw">, context: RowAwardContext): AwardInput {
  return {
    issuer: context.issuer,
    achievement: context.achievement,
    recipient: {
      ...(row.email ? { email: row.email } : {}),
      ...(row.wallet ? { wallet: row.wallet } : {}),
      ...(row.name ? { name: row.name } : {}),
    },
    validFrom: row.validFrom ?? context.validFrom,
    ...(row.expires ? { validUntil: row.expires } : {}),
    ...(row.evidence || row.narrative
      ? { evidence: [{ ...(row.evidence ? { id: row.evidence } : {}), ...(row.narrative ? { narrative: row.narrative } : {}) }] }
      : {}),
    deployment: { chainId: context.chainId, registry: context.registry },
    gatewayBase: context.gatewayBase,
    classId: context.classId,
    ...(context.batchId ? { batchId: context.batchId } : {}),
  };
}

/** One bulk issue, opened from its journal: its plan, where it stands, its results, and `run` to go on. */
export class BulkIssue {
  readonly settings: BulkSettings;
  readonly batches: readonly PlannedBatch[];
  readonly rows: readonly RecipientRow[];
  private readonly setup: BulkIssueSetup;
  private readonly state: JournalState;
  private readonly byLine: Map<number, RecipientRow>;
  private readonly batchOf = new Map<number, PlannedBatch>();
  /** Lines recorded by this session's transactions ("issued" rather than "issued earlier"). */
  private readonly issuedHere = new Set<number>();
  private readonly failed = new Map<number, string>();
  private running = false;
  private roster: RosterSecret | undefined;

  constructor(setup: BulkIssueSetup, state: JournalState) {
    const start = state.start;
    if (!start) throw new ChanceryError("invalid-input", "A bulk issue opens from a journal with a start entry (use openBulkIssue).");
    const { type: _type, v: _v, at: _at, label: _label, batches, rows: _rows, ...settings } = start;
    this.settings = settings;
    this.batches = batches;
    this.rows = setup.rows;
    this.setup = setup;
    this.state = state;
    this.byLine = new Map(setup.rows.map((row) => [row.line, row]));
    for (const batch of batches) for (const line of batch.lines) this.batchOf.set(line, batch);
  }

  /** Rows on chain, of all rows; batches on chain, of all batches. */
  progress(): Progress & { batchesDone: number; signed: number } {
    const anchored = this.batches.filter((b) => this.state.anchored.has(b.id));
    return {
      done: anchored.reduce((n, b) => n + b.lines.length, 0),
      total: this.rows.length,
      batches: this.batches.length,
      batchesDone: anchored.length,
      signed: this.state.prepared.size,
    };
  }

  get finished(): boolean {
    return this.batches.every((b) => this.state.anchored.has(b.id));
  }

  /** One result per input row, in input order: uid, share link and hosted URL once on chain. */
  results(): BulkRowResult[] {
    return this.rows.map((row) => this.resultOf(row.line));
  }

  private resultOf(line: number): BulkRowResult {
    const row = this.byLine.get(line) as RecipientRow;
    const prepared = this.state.prepared.get(line);
    const batch = this.batchOf.get(line);
    const onChain = batch !== undefined && this.state.anchored.has(batch.id);
    const status: BulkRowStatus = onChain
      ? this.issuedHere.has(line)
        ? "issued"
        : "issued earlier"
      : prepared
        ? "signed, not sent"
        : "not started";
    const result: BulkRowResult = { line, row, status };
    const error = batch && this.failed.get(batch.id);
    if (error && !onChain) result.error = error;
    if (!prepared) return result;
    const { uid, batchId, key, credential } = prepared;
    Object.assign(result, { uid, credential }, batchId ? { batchId } : {}, key ? { key } : {});
    if (onChain) {
      const { chainId, registry, gatewayBase } = this.settings;
      result.shareLink = buildShareLink({
        appBase: this.setup.appBase,
        chainId,
        registry,
        uid,
        ...(batchId ? { batchId } : {}),
        ...(key ? { key } : {}),
      });
      result.hostedUrl = key ? ob2KeyedAssertionUrl(gatewayBase, chainId, uid, key) : ob2AssertionUrl(gatewayBase, chainId, uid, batchId);
    }
    return result;
  }

  private async append(...entries: BulkJournalEntry[]): Promise<void> {
    await this.setup.journal.append(...entries);
    for (const entry of entries) applyEntry(this.state, entry);
  }

  /** Signs, journals, reconciles and sends every batch not yet on chain, in plan order. */
  async run(options: BulkRunOptions): Promise<BulkOutcome> {
    if (this.running) throw new ChanceryError("invalid-input", "This bulk issue is already running.");
    this.running = true;
    this.roster = options.roster;
    const outcome: BulkOutcome = { issuedNow: 0, alreadyOnChain: 0, transactions: [], stopped: false };
    const emit = (event: DistributiveOmit<BulkProgressEvent, keyof Progress>) => {
      const { done, total, batches } = this.progress();
      options.onProgress?.({ ...event, done, total, batches } as BulkProgressEvent);
    };
    let signingKey = typeof options.signingKey === "function" ? undefined : options.signingKey;
    const getKey = async () => {
      signingKey ??= await (options.signingKey as () => Promise<{ secretKey: Uint8Array }>)();
      return signingKey;
    };
    try {
      for (const batch of this.batches) {
        if (this.state.anchored.has(batch.id)) continue;
        if (options.shouldStop?.("batch")) {
          outcome.stopped = true;
          break;
        }
        const prepared = await this.sign(options.ctx, batch, getKey, emit, options.shouldStop);
        if (!prepared) {
          outcome.stopped = true;
          break;
        }
        try {
          const issued = await this.settle(options.ctx, batch, prepared, emit, getKey);
          outcome.issuedNow += issued.count;
          if (issued.tx) outcome.transactions.push(issued.tx);
          emit({
            phase: "anchored",
            batch: batch.id,
            issued: issued.count,
            tx: issued.tx,
            badges: batch.lines.map((line) => this.resultOf(line)),
          });
        } catch (error) {
          this.failed.set(batch.id, explainError(error).message);
          throw error;
        }
      }
    } finally {
      this.running = false;
    }
    outcome.alreadyOnChain = this.progress().done - outcome.issuedNow;
    return outcome;
  }

  /** The batch's credentials, signing (and journaling) those the journal lacks; undefined when asked to stop. */
  private async sign(
    ctx: WriteContext,
    batch: PlannedBatch,
    getKey: () => Promise<{ secretKey: Uint8Array }>,
    emit: (event: { phase: "signing"; batch: number; signed: number; size: number }) => void,
    shouldStop: BulkRunOptions["shouldStop"],
  ): Promise<PreparedEntry[] | undefined> {
    const fresh: PreparedEntry[] = [];
    let stopped = false;
    let signed = batch.lines.filter((line) => this.state.prepared.has(line)).length;
    let lastYield = Date.now();
    const firstIndex = await this.firstStatusIndex(ctx, batch);
    for (const [position, line] of batch.lines.entries()) {
      if (this.state.prepared.has(line)) continue;
      if (shouldStop?.("credential")) {
        stopped = true;
        break;
      }
      const { issuer, achievement } = this.setup;
      const award = awardOfRow(this.byLine.get(line) as RecipientRow, {
        ...this.settings,
        issuer,
        achievement,
        ...(batch.batchId ? { batchId: batch.batchId } : {}),
      });
      const statusIndex = firstIndex + position;
      const badge = await prepareBadge({ ...award, statusIndex }, await getKey());
      fresh.push({
        type: "prepared",
        line,
        uid: badge.uid,
        credentialHash: badge.credentialHash,
        recipient: badge.recipient ?? null,
        credential: badge.credential,
        ...(this.settings.publish ? { key: keyToString(this.roster ? rosterBadgeKey(this.roster, badge.uid) : generateBadgeKey()) } : {}),
        ...(batch.batchId ? { batchId: batch.batchId } : {}),
        statusIndex,
      });
      emit({ phase: "signing", batch: batch.id, signed: ++signed, size: batch.lines.length });
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await nextTask();
        lastYield = Date.now();
      }
    }
    // Journaled before anything of the batch can be sent (what was signed before a stop is kept).
    if (fresh.length) await this.append(...fresh);
    return stopped ? undefined : batch.lines.map((line) => this.state.prepared.get(line) as PreparedEntry);
  }

  /**
   * The status index of the batch's first badge: 0 in a Merkle batch (its own list, by position);
   * in an array batch, the class's cursor, or where the badges already signed (journaled) put it.
   */
  private async firstStatusIndex(ctx: WriteContext, batch: PlannedBatch): Promise<number> {
    if (batch.batchId) return 0;
    for (const [position, line] of batch.lines.entries()) {
      const index = this.state.prepared.get(line)?.statusIndex;
      if (index !== undefined) return index - position;
    }
    return readNextStatusIndex(ctx, this.settings.classId);
  }

  /** Forgets the batch's signed credentials (their status indexes were taken by another issue) and signs them again. */
  private async resign(
    ctx: WriteContext,
    batch: PlannedBatch,
    getKey: () => Promise<{ secretKey: Uint8Array }>,
    emit: (event: { phase: "signing"; batch: number; signed: number; size: number }) => void,
  ): Promise<PreparedEntry[]> {
    for (const line of batch.lines) this.state.prepared.delete(line);
    return (await this.sign(ctx, batch, getKey, emit, undefined)) as PreparedEntry[];
  }

  /** Reconciles the batch with the chain, sends what it lacks, and journals it as anchored. */
  private async settle(
    ctx: WriteContext,
    batch: PlannedBatch,
    prepared: PreparedEntry[],
    emit: (event: DistributiveOmit<BulkProgressEvent, keyof Progress>) => void,
    getKey: () => Promise<{ secretKey: Uint8Array }>,
  ): Promise<{ count: number; tx: Hex | null }> {
    // 1. A transaction the journal saw sent (before a crash or a refresh): its receipt decides.
    for (const tx of this.state.sending.get(batch.id) ?? []) {
      emit({ phase: "waiting", batch: batch.id, tx });
      const receipt = await receiptOf(ctx, tx, batch);
      if (receipt?.status === "success") {
        await this.append({ type: "anchored", batch: batch.id, tx, block: Number(receipt.blockNumber) });
        return { count: 0, tx: null };
      }
    }
    // 2. Otherwise the chain says which badges it already records (a Merkle batch is all or nothing).
    emit({ phase: "checking", batch: batch.id });
    const pending = batch.batchId
      ? (await merkleBatchOnChain(ctx, batch.batchId))
        ? []
        : prepared
      : await mapLimit(prepared, READ_CONCURRENCY, async (p) =>
          (await readAssertionStatus(ctx, { uid: p.uid })).exists ? undefined : p,
        ).then((list) => list.filter((p): p is PreparedEntry => p !== undefined));
    if (pending.length === 0) {
      await this.append({ type: "anchored", batch: batch.id, tx: null, block: null });
      return { count: 0, tx: null };
    }
    // 3. The rest in one transaction, its hash journaled as soon as the wallet returns it.
    emit({ phase: "sending", batch: batch.id, count: pending.length });
    let hashWritten: Promise<void> | undefined;
    const onHash = (tx: Hex) => {
      hashWritten = this.append({ type: "sending", batch: batch.id, tx });
      hashWritten.catch(() => undefined); // awaited below; a failure surfaces there
    };
    const sent = await this.sendWithFreshIndexes(ctx, batch, pending, prepared, onHash, emit, getKey);
    await hashWritten;
    await this.publishMissingLists(ctx, batch, sent.sentBadges, getKey);
    await this.append({ type: "anchored", batch: batch.id, tx: sent.hash, block: Number(sent.blockNumber) });
    for (const p of pending) this.issuedHere.add(p.line);
    return { count: pending.length, tx: sent.hash };
  }

  /**
   * Sends the batch; an array batch only with the class's current status indexes: when another issue
   * took them since signing (checked first, or refused by the registry), its credentials are signed again.
   */
  private async sendWithFreshIndexes(
    ctx: WriteContext,
    batch: PlannedBatch,
    pending: PreparedEntry[],
    prepared: PreparedEntry[],
    onHash: (tx: Hex) => void,
    emit: (event: { phase: "signing"; batch: number; signed: number; size: number }) => void,
    getKey: () => Promise<{ secretKey: Uint8Array }>,
  ): Promise<{ hash: Hex; blockNumber: bigint; sentBadges: PreparedEntry[] }> {
    if (batch.batchId) return { ...(await this.send(ctx, batch, pending, onHash)), sentBadges: pending };
    if (pending.length !== prepared.length) {
      throw new ChanceryError(
        "invalid-input",
        `Batch ${batch.id} is partly on chain already (${prepared.length - pending.length} of ${prepared.length} badges), so its status indexes cannot be given again in order. Issue the remaining rows in a new run.`,
      );
    }
    let toSend = pending;
    for (let attempt = 0; ; attempt++) {
      const next = await readNextStatusIndex(ctx, this.settings.classId);
      if (toSend[0]?.statusIndex !== next) toSend = await this.resign(ctx, batch, getKey, emit);
      try {
        return { ...(await this.send(ctx, batch, toSend, onHash)), sentBadges: toSend };
      } catch (error) {
        if (attempt >= 2 || !isStaleStatusIndex(error)) throw error;
      }
    }
  }

  /** The all-zero signed list of each status list the batch opened (a Merkle batch's own, or a class's next). */
  private async publishMissingLists(
    ctx: WriteContext,
    batch: PlannedBatch,
    sent: PreparedEntry[],
    getKey: () => Promise<{ secretKey: Uint8Array }>,
  ) {
    const { gatewayBase, chainId, registry, classId } = this.settings;
    const signing = { gatewayBase, deployment: { chainId, registry }, signingKey: await getKey() };
    const issuerId = this.setup.issuer.issuerId;
    if (batch.batchId) {
      await publishStatusListIfMissing(ctx, { issuerId, batchId: batch.batchId }, signing);
      return;
    }
    const indexes = new Set(sent.map((p) => p.statusIndex ?? 0).map((i) => statusPosition(i).list * STATUS_LIST_LENGTH));
    for (const statusIndex of indexes) await publishStatusListIfMissing(ctx, { issuerId, classId, statusIndex }, signing);
  }

  /** The batch's learners (names and e-mails as the rows give them), in call order, encrypted for the run's roster. */
  private async batchRosterOf(batchId: Hex, pending: PreparedEntry[]): Promise<Hex> {
    if (!this.roster) {
      throw new ChanceryError(
        "invalid-input",
        "This run's Merkle batches carry their learners' names: run it with the wallet's roster (unlockRoster), or start it without batchRoster.",
      );
    }
    const entries = pending.map((p) => {
      const row = this.byLine.get(p.line);
      return { name: row?.name, email: row?.email };
    });
    return encodeBatchRoster(this.roster, batchId, entries);
  }

  private chainImages: Promise<ChainImages> | undefined;

  private chainImagesOf(ctx: WriteContext): Promise<ChainImages> {
    this.chainImages ??= readChainImages(ctx, this.settings.classId).then(
      (images) => {
        const planned = this.setup.chainImages;
        // Batches were sized for payloads without the images planned for: other ones on chain would not fit them.
        if (planned && (planned.classImage !== images.classImage || planned.issuerImage !== images.issuerImage))
          throw new BulkIssueError(
            "journal-mismatch",
            "The class image or the issuer's logo this run was planned with is not the one on chain now: reload the issuer and its classes, and start the run again.",
            { reason: "settings", setting: "chainImages" },
          );
        return images;
      },
      (error) => {
        this.chainImages = undefined; // asked again at the next batch
        throw error;
      },
    );
    return this.chainImages;
  }

  private async send(
    ctx: WriteContext,
    batch: PlannedBatch,
    pending: PreparedEntry[],
    onHash: (tx: Hex) => void,
  ): Promise<{ hash: Hex; blockNumber: bigint }> {
    const { classId, chainId, registry } = this.settings;
    const expiresAt = batch.expiresAt ? new Date(batch.expiresAt * 1000) : undefined;
    const recipient = (p: PreparedEntry) => (p.recipient ? { recipient: p.recipient } : {});
    if (batch.batchId) {
      const badges = pending.map((p) => ({ credentialHash: p.credentialHash, ...recipient(p) }));
      const dataSuffix = this.settings.batchRoster ? await this.batchRosterOf(batch.batchId, pending) : undefined;
      return issueMerkleBatch(
        ctx,
        { classId, batchKey: batch.batchKey as Hex, ...(expiresAt ? { expiresAt } : {}), badges },
        { onHash, ...(dataSuffix ? { dataSuffix } : {}) },
      );
    }
    // Published credentials leave out the class image and the issuer's logo the chain already holds
    // (chain/published.ts): read once per run, a class never changes.
    const images = pending.some((p) => p.key) ? await this.chainImagesOf(ctx) : {};
    const badges = await Promise.all(
      pending.map(async (p) => ({
        credentialHash: p.credentialHash,
        ...recipient(p),
        ...(p.key
          ? { payload: await sealPublishedCredential(p.credential, keyFromString(p.key), { chainId, registry, uid: p.uid }, images) }
          : {}),
      })),
    );
    const firstStatusIndex = pending[0]?.statusIndex ?? 0;
    return issueBadges(ctx, { classId, firstStatusIndex, ...(expiresAt ? { expiresAt } : {}), badges }, { onHash });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The receipt of a transaction the journal saw sent; undefined when the node does not know it
 * (dropped, or never reached it: the chain check decides). One still in flight is waited for; if
 * it is not mined in time the run stops rather than race it with a second transaction.
 */
async function receiptOf(ctx: WriteContext, hash: Hex, batch: PlannedBatch): Promise<TransactionReceipt | undefined> {
  try {
    await ctx.client.getTransaction({ hash });
  } catch (error) {
    if (error instanceof TransactionNotFoundError) return undefined;
    throw error;
  }
  try {
    return await ctx.client.waitForTransactionReceipt({ hash, timeout: RECEIPT_TIMEOUT_MS });
  } catch {
    throw new BulkIssueError(
      "transaction-pending",
      `Transaction ${hash} of batch ${batch.id + 1} is still waiting to be mined. Run again once it is: nothing is sent for that batch until then.`,
      { kind: "unavailable" },
    );
  }
}

/** Whether a Merkle batch of this id is recorded (its id is random per plan, so it is this run's). */
async function merkleBatchOnChain(ctx: WriteContext, batchId: Hex): Promise<boolean> {
  try {
    await readBatch(ctx, batchId);
    return true;
  } catch (error) {
    const explained = explainError(error);
    if (explained instanceof RegistryError && explained.errorName === "BadgeRegistryUnknownBatch") return false;
    throw explained;
  }
}
