// What the index serves: GraphQL at /graphql (the sdk's indexer reader uses it with plain fetch) and
// Ponder's SQL over HTTP at /sql/* (for @ponder/client users). Ponder itself adds /health, /ready, /status.
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { client, graphql } from "ponder";

const app = new Hono();
// The app reads the index from the browser, from any origin (the data is public chain data).
app.use("*", cors());
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

export default app;
