// Attacker HTTP hosts for the hostile corpus: one node:http server on loopback whose paths each
// behave badly in their own way (slow, trickling, endless, huge, redirecting, lying about their
// content). Every request is counted by path, so a case can prove the verifier never asked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { gzipSync } from "node:zlib";

/** What a path of an attacker host does. */
export type Behavior =
  | { kind: "json"; body: unknown; contentType?: string; status?: number }
  | { kind: "text"; body: string | Uint8Array; contentType: string; status?: number }
  /** Accepts the connection and never answers. */
  | { kind: "slow" }
  /** Sends headers, then one byte of a JSON document per second. */
  | { kind: "trickle" }
  /** Sends headers, then an endless JSON array (1 MiB every 20 ms, stopping at `capBytes`, never ending). */
  | { kind: "endless"; capBytes?: number }
  /** A ~1.9 MB JSON document that is one huge array (valid JSON). */
  | { kind: "huge" }
  /** Redirects to itself, forever. */
  | { kind: "redirect-loop" }
  | { kind: "redirect"; to: string }
  /** A small gzip body that inflates to `inflatedBytes` (default 64 MiB) of JSON whitespace. */
  | { kind: "gzip-bomb"; inflatedBytes?: number }
  /** Closes the socket as soon as the request arrives. */
  | { kind: "reset" }
  /** Answers headers with a Content-Length it never fulfils, then hangs. */
  | { kind: "short-body" };

export type HostileHost = {
  /** http://127.0.0.1:port */
  origin: string;
  port: number;
  /** Sets what `path` does (a path of the URL, query included) and returns its full URL. */
  serve(path: string, behavior: Behavior): string;
  /** How many requests reached paths starting with `prefix` (all paths when none is given). */
  requests(prefix?: string): number;
  /** Every requested path, in order. */
  log: string[];
  /** Destroys the open sockets of requests to paths starting with `prefix` (all when none is given). */
  dropConnections(prefix?: string): void;
  stop(): Promise<void>;
};

/** ~1.9 MB of valid JSON: an object whose one property is an array of 380,000 small numbers. */
export function hugeJson(): string {
  return `{"@context":"https://www.w3.org/ns/credentials/v2","type":["VerifiableCredential","OpenBadgeCredential"],"evidence":[${Array.from({ length: 380_000 }, (_, i) => i % 10).join(",")}]}`;
}

const MIB = 1024 * 1024;
const DEFAULT_BOMB = 64 * MIB;

export async function startHostileHost(): Promise<HostileHost> {
  const routes = new Map<string, Behavior>();
  const log: string[] = [];
  const sockets = new Map<Socket, string>();
  const timers = new Set<NodeJS.Timeout>();
  // Bodies that cost work to make are made when a path is set up, not inside a measured case.
  let huge: string | undefined;
  const bombs = new Map<number, Uint8Array>();
  let origin = "";

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    log.push(path);
    sockets.set(req.socket, path);
    const behavior = routes.get(path) ?? { kind: "json", status: 404, body: { error: "not found" } };
    switch (behavior.kind) {
      case "json":
        res.writeHead(behavior.status ?? 200, { "content-type": behavior.contentType ?? "application/ld+json" });
        res.end(JSON.stringify(behavior.body));
        return;
      case "text":
        res.writeHead(behavior.status ?? 200, { "content-type": behavior.contentType });
        res.end(behavior.body);
        return;
      case "slow":
        return; // never answers
      case "trickle": {
        res.writeHead(200, { "content-type": "application/json" });
        const text = '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"x"}';
        let at = 0;
        const drip = () => {
          if (res.destroyed) return;
          res.write(text[at++ % text.length] ?? " ");
          later(1000, drip);
        };
        drip();
        return;
      }
      case "endless": {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
        const block = `${"0,".repeat(MIB / 2)}`;
        let sent = 0;
        const cap = behavior.capBytes ?? 64 * MIB;
        const pump = () => {
          if (res.destroyed || sent >= cap) return; // stops sending, never ends the body
          res.write(block);
          sent += block.length;
          later(20, pump);
        };
        pump();
        return;
      }
      case "huge":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(huge);
        return;
      case "redirect-loop":
        res.writeHead(302, { location: `${origin}${path}` });
        res.end();
        return;
      case "redirect":
        res.writeHead(302, { location: behavior.to });
        res.end();
        return;
      case "gzip-bomb": {
        const bomb = bombs.get(behavior.inflatedBytes ?? DEFAULT_BOMB) ?? new Uint8Array();
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(bomb);
        return;
      }
      case "reset":
        req.socket.destroy();
        return;
      case "short-body":
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000000" });
        res.write('{"type":');
        return;
    }
  };

  const server: Server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.set(socket, "");
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;

  const dropConnections = (prefix = "") => {
    if (!prefix) {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    }
    for (const [socket, path] of sockets) if (path.startsWith(prefix)) socket.destroy();
  };
  return {
    origin,
    port,
    log,
    serve(path, behavior) {
      if (behavior.kind === "huge") huge ??= hugeJson();
      if (behavior.kind === "gzip-bomb") {
        const size = behavior.inflatedBytes ?? DEFAULT_BOMB;
        if (!bombs.has(size)) bombs.set(size, gzipSync(Buffer.alloc(size, 0x20), { level: 9 }));
      }
      routes.set(path, behavior);
      return `${origin}${path}`;
    },
    requests: (prefix = "") => log.filter((p) => p.startsWith(prefix)).length,
    dropConnections,
    stop: async () => {
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
