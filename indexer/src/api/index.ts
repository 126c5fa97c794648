// What the index serves: whole lists at /lists/* (the sdk's indexer reader), GraphQL at /graphql (single
// lookups, and anyone exploring) and Ponder's SQL over HTTP at /sql/* (for @ponder/client users). Ponder
// itself adds /health, /ready, /status.
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { and, client, eq, graphql, sql } from "ponder";

const app = new Hono();
// The app reads the index from the browser, from any origin (the data is public chain data).
app.use("*", cors());
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

// A list whole, in one request and one SQL query on its index, newest first. The database writes the
// JSON itself, one array per row under the column names given once (a 5,300-badge issuer: 1.6 MB, ~30 ms
// of SQL on PGlite); GraphQL pages by 1,000 rows, each page a query plus a count: ~1 s for the same list.
const { badge, revocation, issuer, signer, badgeClass } = schema;
type SQL = ReturnType<typeof sql>;
type Cells = [name: string, cell: SQL][];
/** Numeric columns (Ponder's bigint) as decimal strings, as GraphQL gives them: JSON numbers would round. */
const text = (column: Parameters<typeof eq>[0]) => sql`${column}::text`;
const badgeCells: Cells = [
  ["uid", sql`${badge.uid}`],
  ["issuerId", sql`${badge.issuerId}`],
  ["classId", sql`${badge.classId}`],
  ["recipient", sql`${badge.recipient}`],
  ["batchId", sql`${badge.batchId}`],
  ["way", sql`${badge.way}`],
  ["issuedAt", sql`${badge.issuedAt}`],
  ["expiresAt", sql`${badge.expiresAt}`],
  ["revokedAt", sql`${badge.revokedAt}`],
  ["revocationCode", sql`${badge.revocationCode}`],
  ["revocationReason", sql`${badge.revocationReason}`],
  ["erased", sql`${badge.erased}`],
  ["blockNumber", text(badge.blockNumber)],
  ["logIndex", sql`${badge.logIndex}`],
  ["transactionHash", sql`${badge.transactionHash}`],
];
const revocationCells: Cells = [
  ["uid", sql`${revocation.uid}`],
  ["issuerId", sql`${revocation.issuerId}`],
  ["code", sql`${revocation.code}`],
  ["reason", sql`${revocation.reason}`],
  ["revokedAt", sql`${revocation.revokedAt}`],
  ["erased", sql`${revocation.erased}`],
  ["blockNumber", text(revocation.blockNumber)],
  ["logIndex", sql`${revocation.logIndex}`],
  ["transactionHash", sql`${revocation.transactionHash}`],
];
const issuerCells: Cells = [
  ["issuerId", sql`${issuer.issuerId}`],
  ["admin", sql`${issuer.admin}`],
  ["pendingAdmin", sql`${issuer.pendingAdmin}`],
  ["status", sql`${issuer.status}`],
  ["accredited", sql`${issuer.accredited}`],
  ["statusChangedAt", sql`${issuer.statusChangedAt}`],
  ["statusChangedBlock", text(issuer.statusChangedBlock)],
  ["profileHash", sql`${issuer.profileHash}`],
  ["profile", sql`${issuer.profile}`],
  ["nameKey", sql`${issuer.nameKey}`],
];
const classCells: Cells = [
  ["classId", sql`${badgeClass.classId}`],
  ["document", sql`${badgeClass.content}`],
  ["retired", sql`${badgeClass.retired}`],
  ["blockNumber", text(badgeClass.createdBlock)],
  ["previousVersion", sql`${badgeClass.previousVersion}`],
];

/**
 * `{"columns": [...], "rows": [[...], ...]}` for the rows of `table` matching `where`, in `order`; how
 * long the query took in a Server-Timing header (what a slow list is made of).
 */
async function list(table: SQL, cells: Cells, where: SQL | undefined, order: SQL): Promise<Response> {
  const start = performance.now();
  const row = sql`json_build_array(${sql.join(
    cells.map(([, cell]) => cell),
    sql`, `,
  )})`;
  const result = await db.execute(
    sql`select coalesce(json_agg(${row} order by ${order}), '[]')::text as rows from ${table} ${where ? sql`where ${where}` : sql``}`,
  );
  const rows = (result.rows[0] as { rows: string } | undefined)?.rows ?? "[]";
  const body = `{"columns":${JSON.stringify(cells.map(([name]) => name))},"rows":${rows}}`;
  return new Response(body, {
    headers: { "content-type": "application/json", "server-timing": `sql;dur=${(performance.now() - start).toFixed(1)}` },
  });
}
const refuse = (message: string) => Response.json({ error: message }, { status: 400 });
const id = (value: string | undefined) => (value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : undefined);
const hex = (value: string | undefined, bytes: number) =>
  value !== undefined && new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`).test(value) ? (value.toLowerCase() as `0x${string}`) : undefined;

app.get("/lists/badges", async (c) => {
  const { recipient, issuer: issuerId, class: classId, batch } = c.req.query();
  const given = [recipient, issuerId, classId, batch].filter((v) => v !== undefined);
  if (given.length !== 1) return refuse("Ask for one list: ?recipient=0x…, ?issuer=<id>, ?class=<id> or ?batch=0x….");
  const wallet = hex(recipient, 20);
  const batchId = hex(batch, 32);
  const issuerNumber = id(issuerId);
  const classNumber = id(classId);
  const where = wallet
    ? eq(badge.recipient, wallet)
    : batchId
      ? eq(badge.batchId, batchId)
      : issuerNumber !== undefined
        ? eq(badge.issuerId, issuerNumber)
        : classNumber !== undefined
          ? eq(badge.classId, classNumber)
          : undefined;
  if (!where) return refuse("recipient is a 20-byte address, batch a 32-byte hex id, issuer and class whole numbers.");
  return list(sql`${badge}`, badgeCells, where, sql`${badge.ordinal} desc`);
});

app.get("/lists/revocations", async (c) => {
  const issuerId = id(c.req.query("issuer"));
  if (issuerId === undefined) return refuse("Ask for an issuer's revocations: ?issuer=<id> (a whole number).");
  return list(sql`${revocation}`, revocationCells, eq(revocation.issuerId, issuerId), sql`${revocation.ordinal} desc`);
});

// Every issuer; or those an account administers or signs for at a time (?member=0x…&at=<unix seconds>,
// the console's first question), with its role; or those offering it their admin role (?offeredTo=0x…).
app.get("/lists/issuers", async (c) => {
  const { member, at, offeredTo } = c.req.query();
  const order = sql`${issuer.issuerId} asc`;
  if (member === undefined && at === undefined && offeredTo === undefined) return list(sql`${issuer}`, issuerCells, undefined, order);
  if (offeredTo !== undefined) {
    const wallet = hex(offeredTo, 20);
    if (!wallet || member !== undefined || at !== undefined)
      return refuse("Ask for the admin offers to one account: ?offeredTo=0x… alone.");
    return list(sql`${issuer}`, issuerCells, eq(issuer.pendingAdmin, wallet), order);
  }
  const wallet = hex(member, 20);
  const time = id(at);
  if (!wallet || time === undefined) return refuse("Ask for an account's issuers: ?member=0x… (an address)&at=<unix seconds>.");
  // A signer's window is open at `at` as the registry judges it: from validFrom, until validUntil (excluded; none = open).
  const signs = sql`exists (select 1 from ${signer} where ${and(
    eq(signer.issuerId, issuer.issuerId),
    eq(signer.signer, wallet),
    sql`${signer.validFrom} <= ${time}`,
    sql`(${signer.validUntil} is null or ${signer.validUntil} > ${time})`,
  )})`;
  const role: Cells = [["role", sql`case when ${issuer.admin} = ${wallet} then 'admin' else 'signer' end`]];
  return list(sql`${issuer}`, [...issuerCells, ...role], sql`${issuer.admin} = ${wallet} or ${signs}`, order);
});

app.get("/lists/classes", async (c) => {
  const issuerId = id(c.req.query("issuer"));
  if (issuerId === undefined) return refuse("Ask for an issuer's badge classes: ?issuer=<id> (a whole number).");
  return list(sql`${badgeClass}`, classCells, eq(badgeClass.issuerId, issuerId), sql`${badgeClass.classId} desc`);
});

app.use("/", graphql({ db, schema }));

export default app;
