import { badgesPerTransaction, planBatches } from "@chancery/sdk/bulk";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ADMIN, achievement, fakeClient } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const state = {
  issuers: [{ issuerId: 1, admin: ADMIN, name: "Université de Lyon" }],
  classes: [{ classId: 1, issuerId: 1, content: achievement("Data Literacy I") }],
};

describe("Bulk issue from CSV", () => {
  it("offers a template and lists every bad row with its line and reason, issuing nothing", async () => {
    renderApp("/issue/bulk", { client: fakeClient(state), account: ADMIN });
    expect(await screen.findByRole("button", { name: "Download the CSV template" })).toBeInTheDocument();
    const csv = [
      "email,wallet,name",
      "ada@example.org,,Ada",
      "not-an-email,,Bob",
      "carol@example.org,0x123,Carol",
      "ada@example.org,,Ada again",
    ].join("\n");
    await userEvent.upload(screen.getByLabelText(/Choose a file/), new File([csv], "cohort.csv", { type: "text/csv" }));
    expect(await screen.findByText("3 problems to fix")).toBeInTheDocument();
    const table = screen.getByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(5);
    expect(within(rows[2]!).getByText(/not an e-mail address/)).toBeInTheDocument();
    expect(within(rows[3]!).getByText(/not a wallet address/)).toBeInTheDocument();
    expect(within(rows[4]!).getByText(/the same recipient as line 2/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Prepare/ })).not.toBeInTheDocument();
  });

  it("rejects a file without an email or wallet column", async () => {
    renderApp("/issue/bulk", { client: fakeClient(state), account: ADMIN });
    await userEvent.upload(
      await screen.findByLabelText(/Choose a file/),
      new File(["name,phone\nAda,123\n"], "x.csv", { type: "text/csv" }),
    );
    expect(await screen.findByText(/problems? to fix/)).toBeInTheDocument();
    expect(screen.getByText(/unknown column "phone"/)).toBeInTheDocument();
  });

  it("sizes batches under the gas cap, bigger without encrypted payloads", () => {
    // The plan is the sdk engine's (sdk/test/bulk.test.ts covers it); the page shows its estimate.
    expect(badgesPerTransaction({ mode: "batch" })).toBeGreaterThan(badgesPerTransaction({ mode: "batch", payloadBytes: 12_000 }));
    expect(badgesPerTransaction({ mode: "batch", payloadBytes: 12_000 })).toBeGreaterThanOrEqual(1);
    const rows = Array.from({ length: 130 }, (_, i) => ({
      line: i + 2,
      ...(i % 2 ? { expires: new Date("2030-01-01T23:59:59.000Z") } : {}),
    }));
    const chunks = planBatches(rows, 50, "batch");
    expect(chunks.flatMap((c) => c.lines).sort((a, b) => a - b)).toEqual(rows.map((r) => r.line));
    expect(chunks.every((c) => c.lines.length <= 50)).toBe(true);
    expect(new Set(chunks.map((c) => c.expiresAt)).size).toBe(2);
  });
});
