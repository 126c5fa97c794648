import { lazy } from "react";
import { Navigate, type RouteObject } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { Home } from "./pages/Home.tsx";

const VerifyPage = lazy(() => import("./pages/Verify.tsx"));
const IssuePage = lazy(() => import("./pages/issue/IssuePage.tsx"));
const LearnerPage = lazy(() => import("./pages/Learner.tsx"));
const MyBadgesPage = lazy(() => import("./pages/MyBadges.tsx"));
const BadgePage = lazy(() => import("./pages/BadgeDetail.tsx"));
const RegistryPage = lazy(() => import("./pages/Registry.tsx"));
const NotFound = lazy(() => import("./pages/NotFound.tsx"));

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: "verify", element: <VerifyPage /> },
      { path: "verify/:chainId/:registry/:uid", element: <VerifyPage /> },
      { path: "issue/*", element: <IssuePage /> },
      { path: "learner", element: <MyBadgesPage /> },
      { path: "learner/:address", element: <LearnerPage /> },
      { path: "badge/:chainId/:uid", element: <BadgePage /> },
      { path: "registry", element: <RegistryPage /> },
      { path: "home", element: <Navigate to="/" replace /> },
      { path: "*", element: <NotFound /> },
    ],
  },
];
