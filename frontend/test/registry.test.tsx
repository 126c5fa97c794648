import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ADMIN, AUTHORITY, fakeClient, LEARNER } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

const issuers = [
  { issuerId: 1, admin: ADMIN, name: "Université de Lyon", status: 2 as const, statusChangedAt: 1_760_000_000 },
  {
    issuerId: 2,
    admin: LEARNER,
    name: "Diploma Mill Inc.",
    status: 3 as const,
    reason: "Sold badges without exams",
    statusChangedAt: 1_760_000_000,
  },
  { issuerId: 3, admin: LEARNER, name: "Night School" },
];

describe("Registry page", () => {
  it("lists issuers with their standing and a suspension's reason, for everyone", async () => {
    renderApp("/registry", { client: fakeClient({ issuers }) });
    const lyon = (await screen.findByText("Université de Lyon")).closest("li")!;
    expect(within(lyon).getByText("Accredited")).toBeInTheDocument();
    expect(await screen.findByText("Suspended: Sold badges without exams")).toBeInTheDocument();
    expect(screen.getByText("Night School").closest("li")!).toHaveTextContent("Self-declared");
    expect(screen.queryByRole("button", { name: "Accredit" })).not.toBeInTheDocument();
  });

  it("hides the authority's actions from other wallets", async () => {
    renderApp("/registry", { client: fakeClient({ issuers, authorities: [AUTHORITY] }), account: ADMIN });
    await screen.findByText("Université de Lyon");
    expect(screen.queryByRole("button", { name: "Suspend" })).not.toBeInTheDocument();
  });

  it("gives the authority accredit, suspend, withdraw and reinstate", async () => {
    renderApp("/registry", { client: fakeClient({ issuers, authorities: [AUTHORITY] }), account: AUTHORITY });
    expect(await screen.findByText("You hold the registry authority role")).toBeInTheDocument();
    const night = screen.getByText("Night School").closest("li")!;
    expect(await within(night).findByRole("button", { name: "Accredit" })).toBeInTheDocument();
    expect(within(night).getByRole("button", { name: "Suspend" })).toBeInTheDocument();
    const lyon = screen.getByText("Université de Lyon").closest("li")!;
    expect(within(lyon).getByRole("button", { name: "Withdraw accreditation" })).toBeInTheDocument();
    const mill = screen.getByText("Diploma Mill Inc.").closest("li")!;
    expect(within(mill).getByRole("button", { name: "Reinstate" })).toBeInTheDocument();
    expect(within(mill).queryByRole("button", { name: "Suspend" })).not.toBeInTheDocument();
  });

  it("shows an empty registry", async () => {
    renderApp("/registry", { client: fakeClient({}) });
    expect(await screen.findByText("No issuer yet")).toBeInTheDocument();
  });

  it("explains a failed read", async () => {
    renderApp("/registry", { client: fakeClient({ issuers, failing: { issuerCount: "fetch failed" } }) });
    expect(await screen.findByText("The chain cannot be reached")).toBeInTheDocument();
  });

  it("pages a large registry, 20 at a time, newest first, with the count, never reading every issuer", async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ issuerId: i + 1, admin: ADMIN, name: `Institute ${i + 1}` }));
    const client = fakeClient({ issuers: many });
    renderApp("/registry", { client });
    expect(await screen.findByText("Issuers 1–20 of 45, newest first")).toBeInTheDocument();
    const names = () => [...document.querySelectorAll(".issuer-row strong")].map((n) => n.textContent);
    expect(names()).toEqual(Array.from({ length: 20 }, (_, i) => `Institute ${45 - i}`));
    expect(client.calls).toContain("getIssuers");
    expect(client.calls).not.toContain("getIssuer");
    expect(screen.getByRole("button", { name: "Newer" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Older" }));
    expect(await screen.findByText("Issuers 21–40 of 45, newest first")).toBeInTheDocument();
    expect(names()[0]).toBe("Institute 25");
    await userEvent.click(screen.getByRole("button", { name: "Older" }));
    expect(await screen.findByText("Issuers 41–45 of 45, newest first")).toBeInTheDocument();
    expect(names()).toEqual(["Institute 5", "Institute 4", "Institute 3", "Institute 2", "Institute 1"]);
    expect(screen.getByRole("button", { name: "Older" })).toBeDisabled();
    expect(client.calls.filter((c) => c === "getIssuers")).toHaveLength(3);
  });
});
