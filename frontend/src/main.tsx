import "./styles/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider, createBrowserRouter } from "react-router";
import { loadInitialLanguage } from "./i18n/index.ts";
import { AppProviders } from "./providers.tsx";
import { routes } from "./routes.tsx";

await loadInitialLanguage();
const router = createBrowserRouter(routes);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
