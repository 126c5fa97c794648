import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeClient, LEARNER } from "./fakeRegistry.ts";
import { renderApp } from "./render.tsx";

describe("Home and shell", () => {
  it("says what Chancery is in one sentence and opens three doors", async () => {
    renderApp("/", { client: fakeClient({}) });
    expect(await screen.findByRole("heading", { level: 1, name: /Credentials anyone can check/ })).toBeInTheDocument();
    const main = screen.getByRole("main");
    expect(within(main).getByRole("link", { name: /Issue badges/ })).toHaveAttribute("href", "/issue");
    expect(within(main).getByRole("link", { name: /My badges/ })).toHaveAttribute("href", "/learner");
    expect(within(main).getByRole("link", { name: /Verify a badge/ })).toHaveAttribute("href", "/verify");
  });

  it("switches language from the header", async () => {
    renderApp("/", { client: fakeClient({}) });
    await userEvent.selectOptions(await screen.findByLabelText("Language"), "fr");
    expect(await screen.findByRole("link", { name: /Émettre des badges/ })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Langue"), "zh");
    expect(await screen.findByRole("link", { name: /颁发徽章/ })).toBeInTheDocument();
  });

  it("says when the chain's RPC cannot be reached", async () => {
    renderApp("/", { client: fakeClient({ down: true }) });
    expect(await screen.findByText("The chain cannot be reached")).toBeInTheDocument();
    expect(screen.getByText(/did not answer/)).toBeInTheDocument();
  });

  it("says when the contracts are not deployed on this chain", async () => {
    renderApp("/", { client: fakeClient({ notDeployed: true }) });
    expect(await screen.findByText("Contracts not deployed on this chain")).toBeInTheDocument();
  });

  it("shows a not-found page for unknown paths", async () => {
    renderApp("/nowhere", { client: fakeClient({}) });
    expect(await screen.findByText("This page does not exist")).toBeInTheDocument();
  });

  it("shows the connected account with a menu, or a connect button", async () => {
    renderApp("/", { client: fakeClient({}) });
    expect(await screen.findByRole("button", { name: "Connect wallet" })).toBeInTheDocument();
    renderApp("/", { client: fakeClient({}), account: LEARNER });
    const account = await screen.findByRole("button", { name: /0x3C44…93BC/ });
    await userEvent.click(account);
    const menu = screen.getByRole("menu");
    expect(within(menu).getByRole("menuitem", { name: "Disconnect" })).toBeInTheDocument();
    expect(within(menu).getByRole("menuitem", { name: "My badges" })).toHaveAttribute("href", `/learner/${LEARNER}`);
  });
});
