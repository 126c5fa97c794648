/// <reference types="node" />
// The gzip size of the JavaScript a first visit loads, read from a build's Vite manifest (this
// app's dist/, or any build directory, as the e2e figures use it): the entry chunk and its static
// imports, plus a route's lazily loaded page chunk and its static imports.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;

export const ROUTE_PAGES: Record<string, string[]> = {
  "/ (home)": [],
  "/verify": ["src/pages/Verify.tsx"],
  "/issue": ["src/pages/issue/IssuePage.tsx"],
  "/learner/:address": ["src/pages/Learner.tsx"],
  "/badge/:chainId/:uid": ["src/pages/BadgeDetail.tsx"],
  "/registry": ["src/pages/Registry.tsx"],
};

export type BundleFigures = {
  routes: { route: string; gzip: number; files: number }[];
  /** Loaded by the verifier on its first check (JSON-LD, proof suites), on top of /verify's initial JS. */
  verifierOnFirstCheck: number;
  wholeApp: { gzip: number; files: number };
  css: number;
};

export function bundleFigures(appDir: string): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(appDir, ".vite", "manifest.json"), "utf8")) as Manifest;
  const gz = (file: string) => gzipSync(readFileSync(join(appDir, file)), { level: 9 }).length;
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const next of manifest[key]!.imports ?? []) visit(next);
    };
    keys.forEach(visit);
    return [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith(".js"));
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${appDir}/.vite/manifest.json`);
  for (const pages of Object.values(ROUTE_PAGES))
    for (const page of pages) if (!manifest[page]) throw new Error(`${page} is not a chunk of the build: update ROUTE_PAGES`);
  const routes = Object.entries(ROUTE_PAGES).map(([route, pages]) => {
    const files = closure([entry, ...pages]);
    return { route, gzip: files.reduce((sum, f) => sum + gz(f), 0), files: files.length };
  });
  const verifyInitial = new Set(closure([entry, ...ROUTE_PAGES["/verify"]!]));
  const verifier = manifest["src/sdk/heavy.ts"] ? closure(["src/sdk/heavy.ts"]).filter((f) => !verifyInitial.has(f)) : [];
  const assets = readdirSync(join(appDir, "assets"));
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => `assets/${f}`);
  const css = assets.filter((f) => f.endsWith(".css")).map((f) => `assets/${f}`);
  return {
    routes,
    verifierOnFirstCheck: verifier.reduce((sum, f) => sum + gz(f), 0),
    wholeApp: { gzip: js.reduce((sum, f) => sum + gz(f), 0), files: js.length },
    css: css.reduce((sum, f) => sum + gz(f), 0),
  };
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
