import { Component, type ComponentChildren, type ComponentType, type FunctionComponent } from "preact";
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from "preact-iso";
import { useEffect } from "preact/hooks";
import { ConfirmDialogHost } from "./components/confirm-dialog";
import { EmptyState } from "./components/empty-state";
import { Skeleton } from "./components/skeleton";
import { Toasts } from "./components/toast";
import { Home } from "./features/home/home";
import { NotFound } from "./features/shell/not-found";
import { Shell } from "./features/shell/shell";
import { catalogueState, t } from "./i18n";
import { SIGNED_IN_ROUTES, type SignedInRoute } from "./routes";
import { charterRequired, loadSession, sessionStatus, signedOutOnPurpose } from "./session";

/** A screen that could not be fetched (offline, or replaced by a new deployment) offers a reload instead of hanging. */
function ChunkFailed() {
  return (
    <section class="page">
      <div class="card">
        <EmptyState role="alert" title={t("errors.crash")} action={<button type="button" class="btn btn-primary" onClick={() => location.reload()}>{t("common.reload")}</button>}>
          {t("errors.network")}
        </EmptyState>
      </div>
    </section>
  );
}

function lazyScreen(load: () => Promise<FunctionComponent>) {
  return lazy(() => load().catch(() => ChunkFailed));
}

// The first screens (sign-in, home, the frame) are in the main bundle; everything else loads when first visited.
/** The sign-in page: its own chunk (and words), not the first page's code; the Worker preloads it for who has no session. */
const Login = lazyScreen(() => import("./features/auth/login").then((m) => m.Login));
const Invite = lazyScreen(() => import("./features/auth/invite").then((m) => m.Invite));
const CharterGate = lazyScreen(() => import("./features/auth/charter-gate").then((m) => m.CharterGate));
const Directory = lazyScreen(() => import("./features/people/directory").then((m) => m.Directory));
const ProfilePage = lazyScreen(() => import("./features/people/profile").then((m) => m.ProfilePage));
const EditProfile = lazyScreen(() => import("./features/people/edit-profile").then((m) => m.EditProfile));
const MeHub = lazyScreen(() => import("./features/people/me-hub").then((m) => m.MeHub));
const Settings = lazyScreen(() => import("./features/settings/settings").then((m) => m.Settings));
const Admin = lazyScreen(() => import("./features/admin/admin").then((m) => m.Admin));
const GroupDirectory = lazyScreen(() => import("./features/groups/directory").then((m) => m.GroupDirectory));
const GroupPage = lazyScreen(() => import("./features/groups/group-page").then((m) => m.GroupPage));
const PostPage = lazyScreen(() => import("./features/posts/post-page").then((m) => m.PostPage));
const NotificationsPage = lazyScreen(() => import("./features/notifications/notifications").then((m) => m.NotificationsPage));
const SearchPage = lazyScreen(() => import("./features/search/search").then((m) => m.SearchPage));
const CoffeeLobby = lazyScreen(() => import("./features/coffee/lobby").then((m) => m.CoffeeLobby));
const CoffeeRoom = lazyScreen(() => import("./features/coffee/room").then((m) => m.CoffeeRoom));
const IdeasHome = lazyScreen(() => import("./features/ideas/ideas-home").then((m) => m.IdeasHome));
const CampaignPage = lazyScreen(() => import("./features/ideas/campaign-page").then((m) => m.CampaignPage));
const IdeaBoxPage = lazyScreen(() => import("./features/ideas/campaign-page").then((m) => m.IdeaBoxPage));
const IdeaPage = lazyScreen(() => import("./features/ideas/idea-page").then((m) => m.IdeaPage));
const IdeaStatsPage = lazyScreen(() => import("./features/ideas/idea-stats").then((m) => m.IdeaStatsPage));
const CoffeePairingPage = lazyScreen(() => import("./features/coffee/pairing").then((m) => m.CoffeePairingPage));
const QuestionsRoute = lazyScreen(() => import("./features/questions/questions-home").then((m) => m.QuestionsRoute));
const OfficeHourPage = lazyScreen(() => import("./features/office-hours/office-hour-page").then((m) => m.OfficeHourPage));

/** Links to these paths are real page loads (the docs page, API files), not client routes. */
const CLIENT_ROUTES = /^\/(?!api(\/|$)|api-docs)/;

function isPublicPath(path: string) {
  return path === "/login" || path.startsWith("/invite/");
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

function Splash() {
  return (
    <div class="splash">
      <span class="brand-mark" aria-hidden="true">C</span>
      <Skeleton lines={2} />
    </div>
  );
}

function Unreachable() {
  return (
    <div class="auth-page">
      <div class="card auth-card">
        <EmptyState role="alert" title={t("errors.startup")} action={<button type="button" class="btn btn-primary" onClick={() => { sessionStatus.value = "loading"; void loadSession(); }}>{t("common.retry")}</button>}>
          {t("errors.network")}
        </EmptyState>
      </div>
    </div>
  );
}

/** A screen that fails to render (a chunk that no longer exists after a deployment, a bug) says so instead of going blank. */
class CrashBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  state = { failed: false };
  componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failed: true });
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div class="auth-page">
        <div class="card auth-card">
          <EmptyState role="alert" title={t("errors.crash")} action={<button type="button" class="btn btn-primary" onClick={() => location.reload()}>{t("common.reload")}</button>} />
        </div>
      </div>
    );
  }
}

/** Each signed-in route's screen (the routes themselves are in routes.ts). */
const SCREENS: Record<SignedInRoute, ComponentType<any>> = {
  "/": Home,
  "/people": Directory,
  "/people/:id": ProfilePage,
  "/me": MeHub,
  "/me/edit": EditProfile,
  "/settings": Settings,
  "/admin/:tab?": Admin,
  "/groups": GroupDirectory,
  "/groups/:id/:tab?": GroupPage,
  "/coffee": CoffeeLobby,
  "/coffee/pairing": CoffeePairingPage,
  "/coffee/:roomId": CoffeeRoom,
  "/ideas": IdeasHome,
  "/ideas/stats": IdeaStatsPage,
  "/ideas/box/:groupId": IdeaBoxPage,
  "/ideas/:id": IdeaPage,
  "/campaigns/:id": CampaignPage,
  "/posts/:id": PostPage,
  "/notifications/:tab?": NotificationsPage,
  "/search": SearchPage,
  "/questions/:id?": QuestionsRoute,
  "/office-hours/:id": OfficeHourPage,
};

function SignedInRoutes() {
  return (
    <Router>
      {SIGNED_IN_ROUTES.map((path) => (
        <Route key={path} path={path} component={SCREENS[path]} />
      ))}
      <Route default component={NotFound} />
    </Router>
  );
}

/** Shown only when not even the words could be fetched, so it speaks both languages itself. */
function NoCatalogue() {
  return (
    <div class="auth-page">
      <div class="card auth-card" role="alert">
        <p lang="en">Comptoir could not load. Check your connection.</p>
        <p lang="fr">Comptoir n'a pas pu se charger. Vérifiez votre connexion.</p>
        <button type="button" class="btn btn-primary" onClick={() => location.reload()}>
          Reload · Recharger
        </button>
      </div>
    </div>
  );
}

function Root() {
  const { path, url, query, route } = useLocation();
  const status = sessionStatus.value;
  const isPublic = isPublicPath(path);

  useEffect(() => {
    if (status === "signed-out" && !isPublic) {
      route(path === "/" || signedOutOnPurpose.value ? "/login" : `/login?next=${encodeURIComponent(url)}`, true);
    } else if (status === "ready" && path === "/login") {
      route(safeNext(query.next), true);
    }
  }, [status, isPublic, url]);

  if (catalogueState.value === "failed") return <NoCatalogue />;
  if (catalogueState.value === "loading") return <Splash />;

  if (path.startsWith("/invite/")) {
    return (
      <Router>
        <Route path="/invite/:token" component={Invite} />
        <Route default component={NotFound} />
      </Router>
    );
  }
  if (status === "error") return <Unreachable />;
  if (path === "/login") return status === "signed-out" ? <Login /> : <Splash />;
  if (status !== "ready") return <Splash />;
  // Nothing but the charter until the member has accepted its current version (API.md "Identity").
  if (charterRequired.value) return <CharterGate />;
  return (
    <Shell>
      <SignedInRoutes />
    </Shell>
  );
}

export function App() {
  useEffect(() => {
    void loadSession();
  }, []);
  return (
    <LocationProvider scope={CLIENT_ROUTES}>
      <CrashBoundary>
        <ErrorBoundary>
          <Root />
        </ErrorBoundary>
      </CrashBoundary>
      <Toasts />
      <ConfirmDialogHost />
    </LocationProvider>
  );
}
