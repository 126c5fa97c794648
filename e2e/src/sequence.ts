// Tests of one file that follow one another (a journey): once one fails, the next ones are
// skipped instead of each waiting for its own timeout on a page that is not where it expects.
// The page at the moment of failure is saved as a screenshot (failed-<test>.png) for the record.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeEach } from "vitest";
import { SHOTS } from "./app.ts";

export function stopAfterFirstFailure(page?: () => Page | undefined) {
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
    context.onTestFailed(async () => {
      failed = true;
      const name = context.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
      await page?.()
        ?.screenshot({ path: join(SHOTS, `failed-${name}.png`), fullPage: true })
        .catch(() => {});
    });
  });
}
